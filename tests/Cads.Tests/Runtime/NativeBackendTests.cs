using System.Text;
using Cads.Runtime;
using TorchSharp;

namespace Cads.Tests.Runtime;

public class NativeBackendTests
{
    static string Shipped => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    static string SystemLibstdcxx =>
        new[] { "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .First(File.Exists);

    // Independent of the ELF reader: the version name appears in libstdc++'s string table iff it defines it.
    static bool SystemHas(string version) =>
        Encoding.ASCII.GetString(File.ReadAllBytes(SystemLibstdcxx)).Contains(version + "\0");

    [Fact]
    public void Torch_loads_and_computes_on_this_machine()
    {
        using var x = torch.arange(4, device: CadsRuntime.Device);
        Assert.Equal(6, x.sum().item<long>());
    }

    [Fact]
    public void The_fix_is_applied_exactly_when_libstdcxx_lacks_GLIBCXX_3_4_32()
    {
        _ = CadsRuntime.Device;
        var needed = !SystemHas("GLIBCXX_3.4.32");
        Assert.Equal(needed, NativeBackend.Note is not null);
        if (needed) Assert.Contains("GLIBCXX_3.4.32", NativeBackend.Note);
    }

    [Fact]
    public void The_shipped_library_needs_GLIBCXX_3_4_32_from_libstdcxx()
    {
        var needed = ElfVersions.Read(Shipped).Needed().ToList();
        Assert.Contains(needed, n => n is { Library: "libstdc++.so.6", Version: "GLIBCXX_3.4.32", Weak: false });
        Assert.Contains("libtorch.so", ElfVersions.Read(Shipped).NeededLibraries());
    }

    [Fact]
    public void The_reader_lists_the_versions_libstdcxx_defines()
    {
        var defined = ElfVersions.Read(SystemLibstdcxx).Defined().ToHashSet();
        Assert.Contains("GLIBCXX_3.4", defined);
        Assert.Contains("CXXABI_1.3", defined);
        Assert.Equal(SystemHas("GLIBCXX_3.4.32"), defined.Contains("GLIBCXX_3.4.32"));
    }

    [Fact]
    public void Marking_weak_changes_only_the_named_requirement()
    {
        var elf = ElfVersions.Read(Shipped);
        var before = elf.Needed().ToList();
        Assert.Equal(1, elf.MarkWeak(new HashSet<string> { "GLIBCXX_3.4.32" }));
        var after = elf.Needed().ToList();
        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
            Assert.Equal(before[i].Version == "GLIBCXX_3.4.32" || before[i].Weak, after[i].Weak);
        Assert.Equal(0, elf.MarkWeak(new HashSet<string> { "GLIBCXX_3.4.32" }));
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused_with_its_name()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "not a library");
        var e = Assert.Throws<InvalidDataException>(() => ElfVersions.Read(path));
        Assert.Contains(path, e.Message);
        File.Delete(path);
    }
}
