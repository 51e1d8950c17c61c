using Cads.Data;
using Cads.Evaluation;
using Cads.ImageWorld;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Tests.Evaluation;

/// <summary>Tests for the mutants a Stryker run left alive in issue #17's new files (GuidanceMethod, LowResEvaluation, LowResUNet).</summary>
public class NewMethodsMutantTests
{
    [Fact]
    public void A_baseline_without_CADS_settings_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => GuidanceMethod.Cfg.Apply(TwoDEvaluation.Baseline with { Cads = null }, 4));
        Assert.Equal("baseline must carry CADS settings: cads and dynamic-cfg take their gamma from them (Parameter 'baseline')", e.Message);
    }

    [Fact]
    public void The_interval_method_guides_inside_the_interval_it_is_given_not_the_default()
    {
        var schedule = new VpCosineSchedule();
        var run = GuidanceMethod.Interval.Apply(TwoDEvaluation.Baseline, 5, (2.0, 3.0));
        // sigma~ = 1 lies inside the default (0.28, 5.42] but outside (2, 3]; sigma~ = 2.5 lies inside both.
        Assert.Equal(1, run.WeightAt(schedule.TimeOfEdmSigma(1.0), schedule));
        Assert.Equal(5, run.WeightAt(schedule.TimeOfEdmSigma(2.5), schedule));
    }

    [Fact]
    public void Downsample_refuses_an_image_that_is_28_high_but_not_28_wide_and_says_what_it_got()
    {
        var e = Assert.Throws<ArgumentException>(() => LowResUNet.Downsample(zeros(2, 1, 28, 14)));
        Assert.Equal("images must have shape [B, C, 28, 28]; got [2, 1, 28, 14] (Parameter 'images')", e.Message);
        Assert.Equal(["models", "unet-lowres.pt"], LowResUNet.ShippedPath);
        // Its layers are registered, so they train, save and load: the body's and the condition MLP's parameters.
        using var net = new LowResUNet(channels: 8, embeddingDim: 16);
        Assert.Contains(net.named_parameters(), p => p.name.StartsWith("body."));
        Assert.Contains(net.named_parameters(), p => p.name.StartsWith("conditionMlp."));
    }

    [Fact]
    public void Low_resolution_samples_lie_in_the_image_range_and_Vendi_is_the_mean_over_conditions()
    {
        using var heldOut = FashionMnist.Load("heldout");
        var evaluation = new LowResEvaluation(new LowResUNet(channels: 8, embeddingDim: 16), Classifier.LoadShipped(), heldOut, 1, 4);
        var run = LowResEvaluation.Baseline with { Steps = 2 };
        var images = evaluation.Sample(run);
        Assert.True(images.min().item<float>() >= -1 && images.max().item<float>() <= 1, "samples clamped to [-1, 1]");
        Assert.True(images.lt(0.99).any().item<bool>(), "an untrained network's samples are not all clamped to 1");
        // Vendi per condition, averaged by hand from the same samples' features.
        using var cell = evaluation.Evaluate(run);
        var perCondition = cell.Features.view(10, 4, -1).unbind(0).Select(Cads.Metrics.VendiScore.Measure).ToArray();
        Assert.Equal(perCondition.Average(), cell.Metrics["vendi"], 10);
        Assert.True(perCondition.Max() - perCondition.Min() > 1e-6, "conditions differ in Vendi, so the mean is not the minimum");
        // Disposing frees every tensor the evaluation holds.
        var held = new[] { evaluation.Sources, evaluation.SourceLabels, evaluation.Targets, evaluation.ReferenceFeatures };
        evaluation.Dispose();
        Assert.All(held, t => Assert.True(t.IsInvalid, "a tensor left alive after Dispose"));
    }
}
