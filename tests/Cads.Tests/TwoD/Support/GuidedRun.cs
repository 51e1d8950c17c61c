using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.TwoD;
using Cads.Metrics;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD.Support;

/// <summary>One seeded CFG or CADS run over all classes of a world, and its measures.</summary>
static class GuidedRun
{
    public static (Tensor X, Tensor Labels) Sample(ConditionalDenoiser denoiser, int classes, int perClass, double w,
        CadsTransform? cads, Sampler sampler, int steps, long seed)
    {
        using var scope = NewDisposeScope();
        var labels = arange(classes, ScalarType.Int64, CadsRuntime.Device).repeat_interleave(perClass);
        var guided = new Cfg(denoiser, Condition.Classes(labels), w) { Cads = cads };
        var grid = global::Cads.Schedules.TimeGrid.Uniform(denoiser.Schedule, steps);
        var z = grid.InitialNoise([labels.shape[0], 2], NoiseSource.Seeded(seed));
        var x = sampler(guided, z, grid, new SamplerOptions { Noise = NoiseSource.Seeded(seed + 1) });
        return (x.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    public static CadsTransform Cads(double tau1, double tau2, double s, double psi, long seed) =>
        new(new AnnealingSchedule(tau1, tau2), s, psi) { Noise = NoiseSource.Seeded(seed + 2) };

    /// <summary>Mean coverage over classes, and precision averaged over classes against exact class samples.</summary>
    public static (double Coverage, double Precision, double Recall) Measure(GaussianMixture2D world, Tensor x, Tensor labels, long seed)
    {
        using var scope = NewDisposeScope();
        var coverage = ModeCoverage.Measure(world, x, labels).Mean;
        double precision = 0, recall = 0;
        for (var c = 0; c < world.Classes; c++)
        {
            var mine = x.index_select(0, labels.eq(c).nonzero().squeeze(1));
            var (p, r) = PrecisionRecall.Measure(world.Sample(c, mine.shape[0], seed + 10 + c), mine);
            precision += p / world.Classes;
            recall += r / world.Classes;
        }
        return (coverage, precision, recall);
    }
}
