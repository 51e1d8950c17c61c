using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Metrics;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.TwoD;

/// <summary>Mean mode coverage over classes, the worst class's coverage, and precision / recall averaged over classes.</summary>
public sealed record GuidedMeasures(double Coverage, double WorstClassCoverage, double Precision, double Recall);

/// <summary>
/// One seeded CFG (or CADS) run over every class of a 2-D world, and its measures: what the notebooks repeat for each w.
/// Uncond-based CFG (D = D(x|null) + w (D(x|y) - D(x|null))), DDPM on a uniform grid of the denoiser's schedule.
/// </summary>
public static class GuidedSampling
{
    /// <summary>
    /// perClass samples of each class 0 ... classes - 1 (labels [N] in class order), starting noise from seed, DDPM
    /// noise from seed + 1. The callback sees every step (trajectories, progress).
    /// </summary>
    public static (Tensor X, Tensor Labels) Sample(ConditionalDenoiser denoiser, int classes, int perClass, double w,
        CadsTransform? cads = null, int steps = 100, long seed = 0, StepCallback? callback = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var labels = arange(classes, ScalarType.Int64, CadsRuntime.Device).repeat_interleave(perClass);
        var guided = new Cfg(denoiser, Condition.Classes(labels), w) { Cads = cads };
        var grid = TimeGrid.Uniform(denoiser.Schedule, steps);
        var z = grid.InitialNoise([labels.shape[0], 2], NoiseSource.Seeded(seed));
        var x = Samplers.Ddpm(guided, z, grid, new SamplerOptions { Noise = NoiseSource.Seeded(seed + 1), Callback = callback });
        return (x.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>CADS with its own noise stream (seed + 2), apart from the sampler's.</summary>
    public static CadsTransform Cads(double tau1, double tau2, double s, double psi, long seed = 0) =>
        new(new AnnealingSchedule(tau1, tau2), s, psi) { Noise = NoiseSource.Seeded(seed + 2) };

    /// <summary>
    /// Mode coverage (<see cref="ModeCoverage"/>) and precision / recall per class against as many exact draws of the
    /// class (seed + 10 + c), averaged over classes.
    /// </summary>
    public static GuidedMeasures Measure(GaussianMixture2D world, Tensor x, Tensor labels, long seed = 0)
    {
        using var scope = NewDisposeScope();
        var coverage = ModeCoverage.Measure(world, x, labels);
        double precision = 0, recall = 0;
        for (var c = 0; c < world.Classes; c++)
        {
            var mine = x.index_select(0, labels.eq(c).nonzero().squeeze(1));
            var (p, r) = PrecisionRecall.Measure(world.Sample(c, mine.shape[0], seed + 10 + c), mine);
            precision += p / world.Classes;
            recall += r / world.Classes;
        }
        return new GuidedMeasures(coverage.Mean, coverage.PerClass.Min(), precision, recall);
    }
}
