using Cads.Metrics;
using Cads.Runtime;
using Cads.TwoD;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

/// <summary>
/// ModeDiversity on sets small enough to count by hand: per-mode shares, spreads, precision and recall of a few
/// placed points, the weighted group averages of a hand-written result, and the refusals read in full.
/// </summary>
public class ModeDiversityMutantTests
{
    // One class, two modes: A = N((0, 0), 1) and B = N((10, 0), 2^2), equally likely.
    static readonly GaussianMixture2D Pair = new(new double[,] { { 0, 0 }, { 10, 0 } }, [1, 2], [1, 1], [0, 0]);

    static Tensor Points(double[,] values) => tensor(values, ScalarType.Float64, CadsRuntime.Device);

    static Tensor Class0(long n) => zeros(n, ScalarType.Int64, CadsRuntime.Device);

    // Samples: four on the unit circle around A, two at (10, +-1) around B.
    // Their k = 1 radii: sqrt 2 (A's points, to the next on the circle), 2 (B's two, to each other).
    static readonly double[,] SampleSet = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 }, { 10, 1 }, { 10, -1 } };

    // Reference: (0, 0), (0, 0.2), (-4, 0) in A (radii 0.2, 0.2, 4); (10, 0), (10, 1.2) in B (radii 1.2).
    static readonly double[,] ReferenceSet = { { 0, 0 }, { 0, 0.2 }, { -4, 0 }, { 10, 0 }, { 10, 1.2 } };

    static ModeDiversityResult MeasurePair() =>
        ModeDiversity.Measure(Pair, Points(SampleSet), Class0(6), Points(ReferenceSet), Class0(5), k: 1);

    static void Refused(Action act, string parameter, string message)
    {
        var e = Assert.Throws<ArgumentException>(act);
        Assert.Equal(parameter, e.ParamName);
        Assert.Equal($"{message} (Parameter '{parameter}')", e.Message);
    }

    [Fact]
    public void Shares_spreads_and_offsets_of_a_placed_set_are_the_hand_counts()
    {
        using var scope = NewDisposeScope();
        var result = MeasurePair();
        Assert.Equal([0.5, 0.5], result.ExpectedShare);
        Assert.Equal(4.0 / 6, result.Share[0], 12);
        Assert.Equal(2.0 / 6, result.Share[1], 12);
        Assert.Equal(3.0 / 5, result.ReferenceShare[0], 12);
        Assert.Equal(2.0 / 5, result.ReferenceShare[1], 12);
        // A: centre (0, 0), squared distances 4 x 1 over 2 (n - 1) = 6, s = 1. B (two points, the fewest a spread needs):
        // centre (10, 0), 2 x 1 over 2 x 1, s = 2.
        Assert.Equal(Math.Sqrt(4.0 / 6), result.Spread[0], 12);
        Assert.Equal(Math.Sqrt(2.0 / 2) / 2, result.Spread[1], 12);
        Assert.Equal([0.0, 0.0], result.Offset.Select(o => Math.Round(o, 12)));
    }

    [Fact]
    public void Precision_and_recall_per_mode_of_a_placed_set_are_the_hand_counts()
    {
        using var scope = NewDisposeScope();
        var result = MeasurePair();
        // Precision: of A's samples only (-1, 0) lies within 4 of (-4, 0); both of B's lie within 1.2 of (10, 0).
        Assert.Equal(0.25, result.Precision[0], 12);
        Assert.Equal(1, result.Precision[1], 12);
        // Recall: (0, 0) and (0, 0.2) lie within sqrt 2 of A's samples, (-4, 0) is 3 from the nearest; B's both within 2.
        Assert.Equal(2.0 / 3, result.Recall[0], 12);
        Assert.Equal(1, result.Recall[1], 12);
        // 4 of the 5 reference draws are inside: the class's recall, split (3/5)(2/3) + (2/5)(1).
        Assert.Equal(0.8, result.MeanRecall, 12);
        var both = result.Group([0, 1]);
        Assert.Equal(0.8, both.Recall, 12);
        // Precision weighted with the sample counts: (4 x 1/4 + 2 x 1) / 6 = 1/2, the set's precision.
        Assert.Equal(0.5, both.Precision, 12);
        var pr = PrecisionRecall.Measure(Points(ReferenceSet), Points(SampleSet), k: 1);
        Assert.Equal((0.5, 0.8), (Math.Round(pr.Precision, 12), Math.Round(pr.Recall, 12)));
    }

    [Fact]
    public void A_mode_with_a_single_sample_has_no_spread()
    {
        using var scope = NewDisposeScope();
        var samples = new double[,] { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 }, { 10, 1 } };
        var result = ModeDiversity.Measure(Pair, Points(samples), Class0(5), Points(ReferenceSet), Class0(5), k: 1);
        Assert.True(double.IsNaN(result.Spread[1]), $"spread {result.Spread[1]}");
        Assert.Equal(0.5, result.Offset[1], 12); // |(10, 1) - (10, 0)| / 2
    }

    [Fact]
    public void A_class_with_no_more_than_k_samples_or_reference_draws_is_refused_with_both_counts()
    {
        using var scope = NewDisposeScope();
        var x = Points(SampleSet);
        var r = Points(ReferenceSet);
        Refused(() => ModeDiversity.Measure(Pair, x.narrow(0, 0, 3), Class0(3), r, Class0(5), k: 3), "samples",
            "class 0 needs more than k = 3 samples and reference draws; got 3 and 5");
        Refused(() => ModeDiversity.Measure(Pair, x, Class0(6), r.narrow(0, 0, 3), Class0(3), k: 3), "samples",
            "class 0 needs more than k = 3 samples and reference draws; got 6 and 3");
        Refused(() => ModeDiversity.Measure(Pair, x.narrow(0, 0, 2), Class0(2), r, Class0(5), k: 3), "samples",
            "class 0 needs more than k = 3 samples and reference draws; got 2 and 5");
    }

    [Fact]
    public void Samples_or_reference_of_the_wrong_shape_are_refused_by_name_with_both_shapes()
    {
        using var scope = NewDisposeScope();
        var x = Points(SampleSet);
        var r = Points(ReferenceSet);
        Refused(() => ModeDiversity.Measure(Pair, zeros(6, 3, ScalarType.Float64), Class0(6), r, Class0(5), k: 1), "samples",
            "samples must be [N, 2] with labels [N]; got [6, 3] and [6]");
        Refused(() => ModeDiversity.Measure(Pair, x, Class0(6), r, Class0(4), k: 1), "reference",
            "reference must be [N, 2] with labels [N]; got [5, 2] and [4]");
    }

    // Class 0 has modes 0, 1, 2; class 1 has mode 3. Mode 2 got one sample (no spread, Spread NaN) and no reference
    // draw (ReferenceShare 0, Recall NaN).
    static readonly ModeDiversityResult Written = new(
        Classes: 2,
        ExpectedShare: [0.6, 0.3, 0.1, 1],
        Share: [0.5, 0.3, 0.2, 1],
        ReferenceShare: [0.6, 0.4, 0, 1],
        Spread: [2, 1, double.NaN, 0.9],
        Offset: [0, 0, 0, 0],
        Recall: [0.5, 1, double.NaN, 0.8],
        Precision: [1, 0.5, 0, 0.25]);

    [Fact]
    public void A_group_averages_shares_over_classes_and_weights_spread_and_precision_with_sample_shares()
    {
        var g = Written.Group([0, 1]);
        Assert.Equal((0.6 + 0.3) / 2, g.ExpectedShare, 12);
        Assert.Equal((0.5 + 0.3) / 2, g.Share, 12);
        Assert.Equal((0.5 * 2 + 0.3 * 1) / (0.5 + 0.3), g.Spread, 12);
        Assert.Equal((0.5 * 1 + 0.3 * 0.5) / (0.5 + 0.3), g.Precision, 12);
        Assert.Equal((0.6 * 0.5 + 0.4 * 1) / (0.6 + 0.4), g.Recall, 12);
        Assert.Equal((0.6 * 0.5 + 0.4 * 1) / 2, g.RecallContribution, 12);
    }

    [Fact]
    public void Modes_without_a_value_are_left_out_of_a_group_average_not_counted_as_zero_or_NaN()
    {
        // Mode 2's spread and recall are NaN: the averages are those of modes 0 and 1.
        var g = Written.Group([0, 1, 2]);
        Assert.Equal((0.5 * 2 + 0.3 * 1) / (0.5 + 0.3), g.Spread, 12);
        Assert.Equal((0.6 * 0.5 + 0.4 * 1) / (0.6 + 0.4), g.Recall, 12);
        Assert.Equal((0.6 * 0.5 + 0.4 * 1) / 2, g.RecallContribution, 12);
        // Precision 0 of a mode with samples is a value, and counts: (0.5 + 0.15 + 0) / 1.
        Assert.Equal(0.65, g.Precision, 12);
        Assert.Equal((0.6 * 0.5 + 0.4 * 1 + 1 * 0.8) / 2, Written.MeanRecall, 12);
        Assert.True(double.IsNaN(Written.Group([2]).Spread), "one mode without a spread has no group spread");
    }

    [Fact]
    public void A_mode_without_weight_takes_no_part_in_an_average_whatever_its_value()
    {
        // Share 0 with a spread written as infinite: 0 x infinity must not enter the sum.
        var zeroWeight = Written with { Share = [0.5, 0.3, 0, 1], Spread = [2, 1, double.PositiveInfinity, 0.9] };
        Assert.Equal((0.5 * 2 + 0.3 * 1) / (0.5 + 0.3), zeroWeight.Group([0, 1, 2]).Spread, 12);
    }
}
