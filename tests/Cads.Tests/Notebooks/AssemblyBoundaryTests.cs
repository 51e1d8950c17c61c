using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Cads.Notebooks;
using Cads.Runtime;

namespace Cads.Tests.Notebooks;

/// <summary>
/// What each assembly may reference. The library takes TorchSharp alone, so a reader can use it in an app of their own.
/// The notebooks' assembly must not reference FSharp.Core at all: loaded by #r "path" in the kernel it would bind to
/// another FSharp.Core than Plotly.NET does, and every call carrying an F# type fails there with MissingMethodException.
/// </summary>
public class AssemblyBoundaryTests
{
    static IReadOnlyList<string> References(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences.Select(r => metadata.GetString(metadata.GetAssemblyReference(r).Name)).ToList();
    }

    [Fact]
    public void The_library_references_TorchSharp_and_the_framework_only()
    {
        var references = References(typeof(CadsRuntime).Assembly);
        Assert.Contains("TorchSharp", references);
        Assert.All(references, r => Assert.True(r == "TorchSharp" || r.StartsWith("System.") || r == "netstandard",
            $"Cads.dll references {r}"));
    }

    [Fact]
    public void The_notebooks_assembly_has_no_FSharp_Core_reference()
    {
        var references = References(typeof(NotebookSetup).Assembly);
        Assert.Contains("Plotly.NET", references);
        Assert.DoesNotContain("FSharp.Core", references);
    }

    [Fact]
    public void A_rebuilt_library_file_is_reported_and_an_unchanged_one_is_not()
    {
        using var dir = new TempFolder();
        var built = typeof(NotebookSetup).Assembly.Location;
        var same = dir.File("Same.dll");
        var rebuilt = dir.File("Rebuilt.dll");
        File.Copy(built, same);
        File.Copy(built, rebuilt);
        Assert.Empty(LibraryFreshness.RebuiltSinceFirstSeen([same, rebuilt])); // first seen: recorded

        // Another build of one of them: the same bytes but the module version id, renamed into place as the build does.
        var bytes = File.ReadAllBytes(rebuilt);
        var mvid = LibraryFreshness.FileMvid(rebuilt);
        bytes[bytes.AsSpan().IndexOf(mvid.ToByteArray())] ^= 0xFF;
        File.WriteAllBytes(rebuilt + ".tmp", bytes);
        File.Move(rebuilt + ".tmp", rebuilt, overwrite: true);

        Assert.NotEqual(mvid, LibraryFreshness.FileMvid(rebuilt));
        Assert.Equal([Path.GetFullPath(rebuilt)], LibraryFreshness.RebuiltSinceFirstSeen([same, rebuilt]));
        var e = Assert.Throws<InvalidOperationException>(() => LibraryFreshness.ThrowIfRebuilt(same, rebuilt));
        Assert.Contains("Rebuilt.dll", e.Message);
        Assert.Contains("Restart the kernel", e.Message);
    }
}
