using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using static TorchSharp.torch;

namespace Cads.ImageWorld;

/// <summary>What to sample from the image model: guidance, CADS, sampler, counts and seed.</summary>
public sealed record ImageSamplingSettings
{
    /// <summary>The guidance weight w (uncond-based: 1 is plain conditional, 0 unconditional).</summary>
    public double W { get; init; } = 4;
    public CfgConvention Convention { get; init; } = CfgConvention.UncondBased;
    public IGuidanceSchedule Schedule { get; init; } = GuidanceSchedule.Constant;
    /// <summary>CADS's settings; null samples with plain CFG.</summary>
    public CadsOptions? Cads { get; init; }
    /// <summary>One of <see cref="SamplerCatalog.Names"/>.</summary>
    public string Sampler { get; init; } = "ddim";
    public int Steps { get; init; } = 50;
    /// <summary>Samples per class, K.</summary>
    public int PerClass { get; init; } = 8;
    /// <summary>The classes to sample, one grid row each; null: all.</summary>
    public IReadOnlyList<int>? Classes { get; init; }
    /// <summary>Sample i's starting noise, sampler noise and CADS noise come from seeds derived from (Seed, i).</summary>
    public long Seed { get; init; }
}

/// <summary>Samples the class-conditional image model with CFG and, optionally, CADS.</summary>
public static class ImageSampling
{
    /// <summary>
    /// Images [C K, 1, 28, 28] in [-1, 1], class-major (K per class, classes in order). Sample i depends only on
    /// (Seed, i) and the settings, so CFG and CADS runs with one seed start from the same noise.
    /// </summary>
    public static Tensor Sample(UNet model, ImageSamplingSettings settings, StepCallback? callback = null)
    {
        if (settings.PerClass < 1) throw new ArgumentException($"PerClass must be >= 1; got {settings.PerClass}.", nameof(settings));
        if (settings.Steps < 1) throw new ArgumentException($"Steps must be >= 1; got {settings.Steps}.", nameof(settings));
        var classes = settings.Classes ?? Enumerable.Range(0, model.Classes).ToArray();
        if (classes.Any(c => c < 0 || c >= model.Classes))
            throw new ArgumentException($"Classes must be in [0, {model.Classes - 1}]; got {string.Join(", ", classes)}.", nameof(settings));
        var sampler = SamplerCatalog.ByName(settings.Sampler);
        var grid = SamplerCatalog.Grid(settings.Sampler, UNet.TrainingSchedule, settings.Steps);

        var labels = classes.SelectMany(c => Enumerable.Repeat((long)c, settings.PerClass)).ToArray();
        var seeds = new SampleSeeds(settings.Seed, labels.Length);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var denoiser = new ConditionalDenoiser(model, UNet.TrainingSchedule);
        var guided = new Cfg(denoiser, Condition.Classes(labels), settings.W, settings.Convention)
        {
            Schedule = settings.Schedule,
            Cads = settings.Cads?.Transform(seeds.Cads),
        };
        var z = grid.InitialNoise([labels.Length, 1, Data.FashionMnist.ImageSide, Data.FashionMnist.ImageSide], seeds.Initial);
        var x = sampler(guided, z, grid, new SamplerOptions
        {
            Noise = seeds.Sampler,
            Callback = callback,
        });
        return x.clamp(-1, 1).MoveToOuterDisposeScope();
    }
}
