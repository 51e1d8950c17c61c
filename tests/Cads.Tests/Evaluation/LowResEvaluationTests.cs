using Cads.Data;
using Cads.Evaluation;
using Cads.ImageWorld;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Evaluation;

/// <summary>The low-resolution world's measures: whether the condition is honoured, and how diverse the answers are.</summary>
public class LowResEvaluationTests
{
    static LowResEvaluation Small(FashionMnist heldOut) =>
        new(new LowResUNet(channels: 8, embeddingDim: 16), Classifier.LoadShipped(), heldOut, conditionsPerClass: 1, perCondition: 4);

    [Fact]
    public void The_condition_error_is_zero_for_the_sources_and_the_size_of_a_uniform_shift()
    {
        using var heldOut = FashionMnist.Load("heldout");
        using var evaluation = Small(heldOut);
        Assert.Equal(10, evaluation.Conditions);
        Assert.Equal(0, LowResEvaluation.ConditionError(evaluation.Sources, evaluation.Targets), 6);
        // Every pixel 0.3 brighter: every block mean 0.3 higher, so the root mean square difference is 0.3.
        Assert.Equal(0.3, LowResEvaluation.ConditionError(evaluation.Sources + 0.3, evaluation.Targets), 5);
        // Mismatched: each source against the next class's condition, written out.
        var expected = Enumerable.Range(0, 10).Average(i =>
            (LowResUNet.Downsample(evaluation.Sources[i].unsqueeze(0)) - evaluation.Targets[(i + 9) % 10].unsqueeze(0)).square().mean().sqrt().item<float>());
        Assert.Equal(expected, evaluation.MismatchedConditionError(), 5);
        Assert.True(expected > 0.1, $"mismatched error {expected}");
    }

    [Fact]
    public void A_cell_measures_every_metric_on_condition_major_samples()
    {
        using var heldOut = FashionMnist.Load("heldout");
        using var evaluation = Small(heldOut);
        using var cell = evaluation.Evaluate(LowResEvaluation.Baseline with { Steps = 2 });
        Assert.Equal(["condition_error", "class_agreement", "vendi", "fid", "precision", "recall"], cell.Metrics.Keys);
        Assert.All(cell.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Key} = {m.Value}"));
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat((long)c, 4)), cell.Labels.data<long>().ToArray());
        Assert.Equal([40L, Classifier.FeatureSize], cell.Features.shape);
        // Vendi of 4 samples lies in [1, 4].
        Assert.InRange(cell.Metrics["vendi"], 1, 4);
        Assert.Equal([40L, 1, 28, 28], evaluation.Sample(LowResEvaluation.Baseline with { Steps = 1 }).shape);
    }

    [Fact]
    public void Sizes_out_of_range_are_refused_by_name()
    {
        using var heldOut = FashionMnist.Load("heldout");
        var model = new LowResUNet(channels: 8, embeddingDim: 16);
        var classifier = Classifier.LoadShipped();
        Assert.Equal("conditionsPerClass", Assert.Throws<ArgumentException>(() => new LowResEvaluation(model, classifier, heldOut, 0)).ParamName);
        Assert.Equal("perCondition", Assert.Throws<ArgumentException>(() => new LowResEvaluation(model, classifier, heldOut, 1, 1)).ParamName);
    }
}
