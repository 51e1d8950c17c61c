using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Cads.Notebooks;

/// <summary>
/// An editor keeps its kernel alive between runs, and a kernel never unloads an assembly: after a rebuild, cells run
/// the old code, or (once the setup cell's #r loads the new build beside the old one) a mix of both. Each build has its
/// own module version id (MVID). The first setup in a process records the build of each library file; a later setup that
/// finds another build on disk stops. The record lives in the process (AppDomain data), not in a static field, because
/// a newly loaded build of this assembly has fresh statics.
/// </summary>
public static class LibraryFreshness
{
    const string RecordKey = "Cads.Notebooks.LibraryBuilds";
    static readonly object Gate = new();

    /// <summary>The MVID of the assembly file at <paramref name="path"/>.</summary>
    public static Guid FileMvid(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }

    /// <summary>Records the build of each file not seen before in this process; returns the files whose build changed since.</summary>
    public static IReadOnlyList<string> RebuiltSinceFirstSeen(IEnumerable<string> files)
    {
        lock (Gate)
        {
            var recorded = (AppDomain.CurrentDomain.GetData(RecordKey) as string ?? "")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))
                .ToDictionary(p => p[0], p => Guid.Parse(p[1]));
            var rebuilt = new List<string>();
            // An assembly loaded from memory has no file (an empty location): nothing to compare.
            foreach (var file in files.Where(f => f.Length > 0).Select(Path.GetFullPath).Where(File.Exists))
            {
                var build = FileMvid(file);
                if (!recorded.TryGetValue(file, out var first)) recorded[file] = build;
                else if (first != build) rebuilt.Add(file);
            }
            AppDomain.CurrentDomain.SetData(RecordKey, string.Concat(recorded.Select(p => $"{p.Key}\t{p.Value}\n")));
            return rebuilt;
        }
    }

    /// <exception cref="InvalidOperationException">One of <paramref name="files"/> was rebuilt since this process first loaded it.</exception>
    public static void ThrowIfRebuilt(params string[] files)
    {
        var rebuilt = RebuiltSinceFirstSeen(files);
        if (rebuilt.Count > 0)
            throw new InvalidOperationException(
                $"The library was rebuilt after this kernel loaded it ({string.Join(", ", rebuilt.Select(Path.GetFileName))}): " +
                "the kernel would go on running the old code, or a mix of old and new. Restart the kernel (VS Code: Restart in " +
                "the notebook's toolbar; Jupyter: Kernel > Restart Kernel) and run the notebook again from the top.");
    }
}
