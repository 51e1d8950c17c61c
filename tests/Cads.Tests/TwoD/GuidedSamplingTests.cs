using Cads.Schedules;
using Cads.TwoD;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class GuidedSamplingTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();

    [Fact]
    public void Same_seed_same_samples_and_plain_conditional_sampling_measures_well()
    {
        using var scope = NewDisposeScope();
        var denoiser = ExactMixtureModel.NetworkLike(World, new VpCosineSchedule()).ToDenoiser();
        var steps = 0;
        var (x, labels) = GuidedSampling.Sample(denoiser, 3, 200, w: 1, steps: 50, seed: 4, callback: (_, _, _, _) => steps++);
        var (again, _) = GuidedSampling.Sample(denoiser, 3, 200, w: 1, steps: 50, seed: 4);
        Assert.Equal(50, steps);
        Assert.Equal([600L, 2L], x.shape);
        Assert.Equal(new long[] { 200, 200, 200 }, labels.bincount(null, 3).data<long>().ToArray());
        Assert.True(x.eq(again).all().item<bool>());
        var m = GuidedSampling.Measure(World, x, labels, seed: 4);
        Assert.True(m.Coverage >= 0.9 && m.WorstClassCoverage <= m.Coverage, $"{m}");
        Assert.True(m.Precision > 0.85 && m.Recall > 0.85, $"{m}");
        Assert.Equal(m, GuidedSampling.Measure(World, x, labels, seed: 4));
    }
}
