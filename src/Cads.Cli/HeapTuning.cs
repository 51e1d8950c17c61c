using System.Runtime.InteropServices;

namespace Cads.Cli;

/// <summary>
/// glibc serves every allocation above 32 MB with a fresh mmap and returns it on free, so each large activation
/// tensor of a CPU forward pays page faults on every step: measured here, a CFG step on the U-Net at batch 256 took
/// 20% longer that way. Keeping such blocks in the heap lets libtorch reuse them. Only the `cads` process does this;
/// the library leaves the allocator of a notebook kernel it is loaded into alone.
/// </summary>
static class HeapTuning
{
    const int MmapMax = -4, TrimThreshold = -1; // mallopt's M_MMAP_MAX and M_TRIM_THRESHOLD

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int Mallopt(int parameter, int value);

    public static void KeepLargeBlocksInHeap()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            Mallopt(MmapMax, 0);
            Mallopt(TrimThreshold, int.MaxValue);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no mallopt): its allocator keeps its own policy.
        }
    }
}
