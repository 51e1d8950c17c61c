using System.Runtime.InteropServices;

namespace Cads.Runtime;

/// <summary>
/// Asks libtorch to back its large CPU tensors with transparent huge pages (2 MB) instead of 4 kB pages. glibc
/// serves each allocation above 32 MB with a fresh mmap and returns it on free, so every step of a CPU forward
/// faults its activations in again, one 4 kB page at a time: measured on the project's 2-core virtual machine, a
/// forward of the U-Net at batch 400 took 100 000 minor page faults and 1.1-1.5 s, against 27 000 faults and
/// 0.5-0.8 s with huge pages (the same function: only the page size changes). libtorch reads THP_MEM_ALLOC_ENABLE
/// once, at its first CPU allocation, so this runs before any tensor is made. A value the user set is kept; where
/// the kernel allows no huge pages (transparent_hugepage "never") libtorch's madvise fails silently.
/// </summary>
static class HugePages
{
    const string Variable = "THP_MEM_ALLOC_ENABLE";

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv(string name, string value, int overwrite);

    public static void Enable()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null) return;
        // .NET keeps its own copy of the environment: libtorch reads the C library's, so set both.
        try { SetEnv(Variable, "1", 0); }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return; }
        Environment.SetEnvironmentVariable(Variable, "1");
    }
}
