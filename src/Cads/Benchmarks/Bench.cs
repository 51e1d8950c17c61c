using System.Diagnostics;
using System.Runtime.InteropServices;
using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.ImageWorld;
using Cads.Noise;
using Cads.Runs;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.TwoD.Learned;
using static TorchSharp.torch;

namespace Cads.Benchmarks;

/// <summary>Sizes of a `cads bench` run.</summary>
public sealed record BenchOptions
{
    /// <summary>The large image batch: forwards, the sampling loop, and batched against separate CFG.</summary>
    public int ImageBatch { get; init; } = 256;
    /// <summary>The large 2-D batch: forwards, the memory run, and batched against separate CFG.</summary>
    public int MlpBatch { get; init; } = 4096;
    /// <summary>Batched against separate CFG is also measured at the batches the notebooks sample: an image grid of 10 classes x 8.</summary>
    public int NotebookImageBatch { get; init; } = 10 * 8;
    /// <summary>... and a default 2-D evaluation cell (3 classes x 200).</summary>
    public int NotebookMlpBatch { get; init; } = 3 * Evaluation.TwoDEvaluation.DefaultPerClass;
    /// <summary>Timed repetitions per measurement; the median is reported.</summary>
    public int Repeats { get; init; } = 5;
    /// <summary>Steps of the sampling loop timed against its forwards.</summary>
    public int LoopSteps { get; init; } = 20;
    /// <summary>Steps of the memory run (the 2-D model, CFG + CADS, DDPM).</summary>
    public int MemorySteps { get; init; } = 1000;
}

/// <summary>
/// The measurements behind the project's speed and memory targets, all in one process on the current device, so
/// that ratios compare like with like: a sampler should cost no more than its network, CADS no more than CFG.
/// </summary>
public static class Bench
{
    static readonly CadsSettings Cads = new();
    const double Tinside = 0.75; // between tau1 and tau2: CADS draws its noise and rescales

    public static BenchReport Run(UNet image, MixtureMlp mlp, BenchOptions o, Action<string>? progress = null)
    {
        var rows = new List<BenchRow>();
        using var _ = no_grad();
        var device = CadsRuntime.Device;

        // Memory first: the image runs leave freed blocks in the heap that the allocator may hand back to the system
        // at any later time, which would pass for (negative) growth here.
        progress?.Invoke($"memory over {o.MemorySteps} steps");
        var memory = Memory(mlp, o).ToList();

        progress?.Invoke("network forwards");
        var imageDenoiser = new ConditionalDenoiser(image, UNet.TrainingSchedule);
        using var z = randn(o.ImageBatch, 1, 28, 28, device: device);
        using var y = image.Embed(arange(o.ImageBatch, device: device) % image.Classes);
        rows.Add(new($"U-Net forward, batch {o.ImageBatch}", MedianMs(o.Repeats, () => imageDenoiser.Denoise(z, Tinside, y)), "ms"));

        var mlpDenoiser = new ConditionalDenoiser(mlp, MlpTraining.Schedule);
        using var zm = randn(o.MlpBatch, 2, device: device);
        using var ym = mlp.Embed(arange(o.MlpBatch, device: device) % mlp.Architecture.Classes);
        rows.Add(new($"MLP forward, batch {o.MlpBatch}", MedianMs(o.Repeats, () => mlpDenoiser.Denoise(zm, Tinside, ym)), "ms"));

        progress?.Invoke("guidance steps");
        rows.AddRange(BatchedAgainstSeparate("U-Net", imageDenoiser, image.Classes, [1, 28, 28], o.NotebookImageBatch, o.Repeats, target: true));
        rows.AddRange(BatchedAgainstSeparate("U-Net", imageDenoiser, image.Classes, [1, 28, 28], o.ImageBatch, o.Repeats, target: false));
        rows.AddRange(BatchedAgainstSeparate("MLP", mlpDenoiser, mlp.Architecture.Classes, [2], o.NotebookMlpBatch, o.Repeats * 4, target: true));
        rows.AddRange(BatchedAgainstSeparate("MLP", mlpDenoiser, mlp.Architecture.Classes, [2], o.MlpBatch, o.Repeats * 4, target: false));

        var labels = Condition.Classes(arange(o.ImageBatch, device: device) % image.Classes);
        var cfg = new Cfg(imageDenoiser, labels, 4);
        var cads = Cads.Transform(new SeedPolicy().For(o.ImageBatch).Cads);
        var withCads = new Cfg(imageDenoiser, labels, 4) { Cads = cads };
        // The difference sought is about 1% of a step: more repetitions than elsewhere.
        var (_, cfgMs, cadsRatio) = Alternating(o.Repeats * 4, () => withCads.Denoise(z, Tinside), () => cfg.Denoise(z, Tinside));
        rows.Add(Ratio($"CADS step / CFG step, batch {o.ImageBatch}", cadsRatio, 1.02));
        // The step differs from CFG's only by the transform: its own time gives the ratio below the machine's noise.
        var transformMs = MedianMs(o.Repeats * 4, () => cads.Apply(y, Tinside));
        rows.Add(new("  CADS transform alone (per-sample noise + rescale)", transformMs, "ms"));
        rows.Add(new("  1 + transform / CFG step", 1 + transformMs / cfgMs, "ratio"));

        progress?.Invoke("sampling loop against its forwards");
        var timed = new TimedModel(image);
        var timedDenoiser = new ConditionalDenoiser(timed, UNet.TrainingSchedule);
        var loop = new GuidedRun { W = 4, Cads = Cads, Sampler = "ddim", Grid = GridSpacing.Uniform, Steps = o.LoopSteps };
        using (var warm = (loop with { Steps = 2 }).Sample(timedDenoiser, labels)) { }
        timed.Reset();
        var loopClock = Stopwatch.StartNew();
        using (var x = loop.Sample(timedDenoiser, labels)) TimedModel.Synchronize(device);
        var loopMs = loopClock.Elapsed.TotalMilliseconds;
        rows.Add(new($"DDIM loop, {o.LoopSteps} steps, CFG + CADS, batch {o.ImageBatch}", loopMs, "ms"));
        rows.Add(new("  of which network forwards", timed.ForwardTime.TotalMilliseconds, "ms"));
        rows.Add(Ratio("sampling loop / its network forwards", loopMs / timed.ForwardTime.TotalMilliseconds, 1.05));
        rows.Add(new("image samples per second (DDIM, CFG + CADS)", o.ImageBatch / (loopMs / 1000) * o.LoopSteps / 25.0, "samples/s at 25 steps"));

        rows.AddRange(memory);
        return new BenchReport(Machine(), CadsRuntime.Describe(), DateTime.UtcNow, rows);
    }

    static IEnumerable<BenchRow> Memory(MixtureMlp mlp, BenchOptions o)
    {
        var device = CadsRuntime.Device;
        var labels = Condition.Classes(arange(o.MlpBatch, device: device) % mlp.Architecture.Classes);
        var denoiser = new ConditionalDenoiser(mlp, MlpTraining.Schedule);
        Tensor Run(int steps) => (Evaluation.TwoDEvaluation.Baseline with { W = 4, Steps = steps }).Sample(denoiser, labels);
        // A first run of the same length fills the allocator's caches and the runtime's; growth is measured from there
        // (after a short first run the heap still moves by a few MiB either way, 3% of this small process).
        Run(o.MemorySteps).Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var tensorsBefore = Tensor.TotalCount;
        var rssBefore = Rss();
        var clock = Stopwatch.StartNew();
        Run(o.MemorySteps).Dispose();
        var seconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var tensorsAfter = Tensor.TotalCount;
        var rssAfter = Rss();
        yield return new($"2-D samples per second (DDPM, CFG + CADS, {o.MemorySteps} steps)", o.MlpBatch / seconds * o.MemorySteps / 100.0, "samples/s at 100 steps");
        yield return new($"live tensors before / after {o.MemorySteps} steps", tensorsBefore, $"-> {tensorsAfter}", "no growth", tensorsAfter <= tensorsBefore);
        var growth = (double)(rssAfter - rssBefore) / rssBefore;
        yield return new($"process RSS growth over {o.MemorySteps} steps", 100 * growth, $"% ({rssBefore / 1048576} -> {rssAfter / 1048576} MiB)", "< 5%", growth < 0.05);
    }

    // One CFG step with both branches in one forward of 2B, against the two branches as forwards of B. On a CPU the
    // batched forward saves per-operation overhead, which matters at small batches; at large ones the CPU is busy
    // either way and the ratio tends to 1, so the target is held at the batches the notebooks sample.
    static BenchRow[] BatchedAgainstSeparate(string model, ConditionalDenoiser denoiser, int classes, long[] sampleShape,
        int batch, int repeats, bool target)
    {
        var device = CadsRuntime.Device;
        using var scope = NewDisposeScope();
        var z = randn([batch, .. sampleShape], device: device);
        var labels = arange(batch, device: device) % classes;
        var cfg = new Cfg(denoiser, Condition.Classes(labels), 4);
        var y = denoiser.Model.Embed(labels);
        var nul = denoiser.Null(batch);
        var (batched, separate, ratio) = Alternating(repeats, () => cfg.Denoise(z, Tinside), () =>
        {
            var conditional = denoiser.Denoise(z, Tinside, y);
            var unconditional = denoiser.Denoise(z, Tinside, nul);
            return unconditional + 4 * (conditional - unconditional);
        });
        var name = $"{model}, batch {batch}";
        return
        [
            new($"CFG step, {name}, both branches in one forward", batched, "ms"),
            new($"CFG step, {name}, two separate forwards", separate, "ms"),
            target ? Ratio($"batched CFG / two forwards, {name}", ratio, 1.0, strict: true) : new($"batched CFG / two forwards, {name}", ratio, "ratio"),
        ];
    }

    static BenchRow Ratio(string name, double value, double limit, bool strict = false) =>
        new(name, value, "ratio", strict ? $"< {limit}" : $"<= {limit}", strict ? value < limit : value <= limit);

    static double MedianMs(int repeats, Func<Tensor> work) => Median(Times(repeats, work));

    // a and b in alternating short blocks (a b, b a, a b ...), each block repeating one batch size as a sampling loop
    // does. The ratio is the median over rounds of a's time over b's in that round, so that drift in the machine's
    // speed (other jobs on a shared machine) falls on both alike; the times are the medians over all rounds.
    static (double A, double B, double Ratio) Alternating(int rounds, Func<Tensor> a, Func<Tensor> b)
    {
        var (ta, tb, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            List<double> blockA, blockB;
            if (round % 2 == 0) { blockA = Times(2, a); blockB = Times(2, b); }
            else { blockB = Times(2, b); blockA = Times(2, a); }
            ratios.Add(blockA.Min() / blockB.Min());
            ta.AddRange(blockA);
            tb.AddRange(blockB);
        }
        return (Median(ta), Median(tb), Median(ratios));
    }

    static List<double> Times(int repeats, Func<Tensor> work)
    {
        var device = CadsRuntime.Device;
        using (var scope = NewDisposeScope()) { work(); TimedModel.Synchronize(device); }
        var times = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            work();
            TimedModel.Synchronize(device);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    static long Rss()
    {
        // VmRSS counts native (libtorch) memory too, which the GC's figures do not.
        foreach (var line in File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status") : [])
            if (line.StartsWith("VmRSS:"))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    static string Machine() =>
        $"{RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores, " +
        $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, .NET {Environment.Version}, torch threads {get_num_threads()}";
}
