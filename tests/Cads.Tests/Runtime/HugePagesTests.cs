using System.Runtime.InteropServices;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Runtime;

/// <summary>libtorch's large CPU tensors on transparent huge pages (page faults cost a forward half its time here).</summary>
public class HugePagesTests
{
    [DllImport("libc", EntryPoint = "getenv")]
    static extern IntPtr GetEnv(string name);

    [Fact]
    public void The_runtime_asks_libtorch_for_huge_pages_in_the_environment_it_reads()
    {
        CadsRuntime.Init();
        if (!OperatingSystem.IsLinux()) return;
        // libtorch reads the C library's environment, which .NET's Environment does not write to.
        Assert.Equal("1", Marshal.PtrToStringAnsi(GetEnv("THP_MEM_ALLOC_ENABLE")));
    }

    [Fact]
    public void A_large_tensor_lies_on_huge_pages_where_the_kernel_allows_them()
    {
        const string setting = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!File.Exists(setting) || File.ReadAllText(setting).Contains("[never]")) return;
        long HugeKb() => File.ReadLines("/proc/self/smaps_rollup").Where(l => l.StartsWith("AnonHugePages:"))
            .Sum(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
        var before = HugeKb();
        using var large = ones(16L << 20, ScalarType.Float32, device: CPU); // 64 MB, every page written
        Assert.True(HugeKb() - before >= 32 << 10, $"AnonHugePages grew by {HugeKb() - before} kB for a 64 MB tensor; expected at least 32 MB");
    }
}
