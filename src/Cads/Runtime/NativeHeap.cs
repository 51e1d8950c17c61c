using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Cads.Runtime;

/// <summary>
/// Whether the library hands the native memory libtorch frees back to the system as it goes. glibc keeps freed
/// blocks in its heaps for reuse and returns only what ends up at a heap's top; a sampler step's activations
/// (tens of MB each for the U-Net at batch 2 x 200) come and go in a different order every step, so the heaps
/// fragment and the resident size climbs far above what is alive: measured in a notebook kernel, 05-evaluation's
/// image cells left 2.6 GB resident where about 0.3 GB was alive at any step (1.1 GB with this on). Off by default: the `cads` CLI
/// keeps freed blocks on purpose (see its HeapTuning), since returning them means page faults when they are reused.
/// </summary>
public static class NativeHeap
{
    // One trim walks every heap (milliseconds): after every step it doubled the time of the 2-D world's cells, whose
    // steps take about a millisecond and free next to nothing. So a step trims only when this long has passed since
    // the last trim: the U-Net's steps (tenths of a second, tens of MB freed) still trim after nearly every step.
    static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(0.25);

    static volatile bool _trimBetweenSteps;
    static long _lastTrim;

    /// <summary>Whether <see cref="TrimBetweenSteps"/> is in force.</summary>
    public static bool TrimsBetweenSteps => _trimBetweenSteps;

    /// <summary>
    /// From now on a sampler step ends with <see cref="Trim"/> (at most one every 0.25 s): the resident size stays
    /// near one step's peak instead of growing with the heaps' fragmentation, for more page faults when the next step
    /// reuses the returned pages (measured on the U-Net at batch 2 x 200: about 1.1 M more minor faults per 20-step
    /// CFG cell, 5-10% of its time). For notebooks, whose kernel lives as long as the session. Does nothing where the
    /// C library is not glibc.
    /// </summary>
    /// <param name="on">false switches it off again.</param>
    public static void TrimBetweenSteps(bool on = true)
    {
        _trimBetweenSteps = on && Trim();
    }

    /// <summary>
    /// Returns the free memory of every glibc heap to the system now (malloc_trim(0)). Safe at any time; the tensors
    /// alive are untouched. Returns false where there is no glibc (other systems, musl), which keep their own policy.
    /// </summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            MallocTrim(0);
            Interlocked.Exchange(ref _lastTrim, Stopwatch.GetTimestamp());
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Called by the samplers once a step's tensors are freed.</summary>
    internal static void StepDone()
    {
        if (_trimBetweenSteps && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastTrim)) >= MinInterval) Trim();
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);
}
