using Cads.Evaluation;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Tests.Evaluation;

public class TwoDEvaluationDataTests
{
    [Fact]
    public void Exact_draws_cover_every_mode_and_score_near_the_top_of_precision_and_recall()
    {
        using var scope = NewDisposeScope();
        using var evaluation = new TwoDEvaluation(perClass: 200);
        using var floor = evaluation.EvaluateData(seed: 5);
        Assert.Equal(1, floor.Metrics["coverage"]);
        Assert.InRange(floor.Metrics["precision"], 0.8, 1);
        Assert.InRange(floor.Metrics["recall"], 0.8, 1);
        // sw2 is the class average of each class's draws against that class's reference, recomputed here from both.
        Tensor OfClass(Tensor x, Tensor labels, int c) => x.index_select(0, labels.eq(c).nonzero().squeeze(1));
        var perClass = Enumerable.Range(0, evaluation.World.Classes)
            .Select(c => SlicedWasserstein.Distance(OfClass(floor.Features, floor.Labels, c), OfClass(evaluation.Reference, evaluation.ReferenceLabels, c)));
        Assert.Equal(perClass.Average(), floor.Metrics["sw2"], 12);
        Assert.Equal([600, 2], floor.Features.shape);
        // The same seed gives the same draws; the reference's own seed is refused.
        using var again = evaluation.EvaluateData(seed: 5);
        Assert.Equal(floor.Metrics["sw2"], again.Metrics["sw2"]);
        Assert.Throws<ArgumentException>(() => evaluation.EvaluateData(seed: 9_000_001));
    }
}
