using System.Diagnostics;
using Cads.Annealing;
using Cads.Images;
using Cads.ImageWorld;
using Cads.Runtime;
using Cads.Sampling;

namespace Cads.Cli.Commands;

/// <summary>`cads sample`: a PNG grid from the image model, a row per class, with CFG and optionally CADS.</summary>
public static class SampleCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var o = new CommandOptions(args,
            ["guidance", "tau1", "tau2", "noise-scale", "psi", "sampler", "steps", "per-class", "seed", "out", "model"], ["cads"]);
        if (o.Positional.Count > 0) throw new UsageException($"sample takes no positional arguments; got '{o.Positional[0]}'.");
        if (!o.Has("cads") && new[] { "tau1", "tau2", "noise-scale", "psi" }.Any(o.Has))
            throw new UsageException("--tau1, --tau2, --noise-scale and --psi set CADS: add --cads.");
        var sampler = o.String("sampler", "ddim")!;
        if (!SamplerCatalog.Names.Contains(sampler))
            throw new UsageException($"--sampler must be one of {string.Join(", ", SamplerCatalog.Names)}; got '{sampler}'.");
        var defaults = new CadsSettings();
        var cads = o.Has("cads")
            ? new CadsSettings(o.Double("tau1", defaults.Tau1, 0, 1), o.Double("tau2", defaults.Tau2, 0, 1),
                o.Double("noise-scale", defaults.NoiseScale, 0), o.Double("psi", defaults.Psi, 0, 1))
            : null;
        if (cads is not null && cads.Tau1 > cads.Tau2)
            throw new UsageException($"--tau1 must be <= --tau2; got tau1 = {cads.Tau1}, tau2 = {cads.Tau2}.");
        var settings = new Cads.Runs.GuidedRun
        {
            W = o.Double("guidance", 4, -100, 100),
            Cads = cads,
            Sampler = sampler,
            Steps = o.Int("steps", 50, 1, 10_000),
            Seeds = new Cads.Noise.SeedPolicy(o.Long("seed", 0)),
        };
        var perClass = o.Int("per-class", 8, 1, 1000);
        var outPath = Path.GetFullPath(o.String("out", "grid.png")!);

        var model = o.String("model") is { } path ? UNet.Load(path) : UNet.LoadShipped();
        output.WriteLine($"sampling on {CadsRuntime.Describe()}");
        output.WriteLine($"w = {settings.W} (uncond-based), {cads?.ToString() ?? "no CADS"}, {sampler} x {settings.Steps} steps, " +
                         $"{perClass} per class, seed {settings.Seeds.Seed}");
        var bar = new ProgressBar("sample", settings.Steps);
        var clock = Stopwatch.StartNew();
        using var images = Cads.Runs.GuidedSampling.Sample(settings, model.Denoiser, Cads.Denoisers.Condition.PerClass(model.Classes, perClass), (_, step, _, _) => bar.Report(step + 1)).clamp(-1, 1);
        clock.Stop();
        new ImageGrid(images, model.Classes).Save(outPath);
        output.WriteLine($"{images.shape[0]} samples in {clock.Elapsed.TotalSeconds:F1} s on {CadsRuntime.Device.type}; grid written to {outPath}");
        return 0;
    }
}
