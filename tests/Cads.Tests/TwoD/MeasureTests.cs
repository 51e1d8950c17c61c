using Cads.Runtime;
using Cads.TwoD;
using Cads.Metrics;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class MeasureTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();

    [Fact]
    public void Sliced_W2_is_near_zero_for_one_distribution_and_grows_with_a_shift()
    {
        using var scope = NewDisposeScope();
        var a = World.Sample(4000, 1).X;
        var b = World.Sample(4000, 2).X;
        var same = SlicedWasserstein.Distance(a, b);
        var shifted = SlicedWasserstein.Distance(a, b + tensor(new[] { 0.3f, 0f }, device: CadsRuntime.Device));
        Assert.True(same < 0.05, $"same distribution: {same:F4}");
        // A shift by d along x moves every projection by d cos(theta): SW2 ~ d / sqrt(2) ~ 0.21.
        Assert.InRange(shifted, 0.17, 0.25);
        Assert.Equal(same, SlicedWasserstein.Distance(a, b), 12);
        Assert.Equal(0, SlicedWasserstein.Distance(a, a), 12);
    }

    /// <summary>n points evenly on the circle of radius r, turned by phase: their second moment is r^2 / 2 I.</summary>
    static Tensor Ring(int n, double r, double phase) => tensor(
        Enumerable.Range(0, n).SelectMany(i => new[] { r * Math.Cos(phase + 2 * Math.PI * i / n), r * Math.Sin(phase + 2 * Math.PI * i / n) }).ToArray(),
        [n, 2], ScalarType.Float64, CadsRuntime.Device);

    [Theory]
    [InlineData(2.0, 1)]
    [InlineData(3.5, 1)]
    [InlineData(0.25, 2)]
    [InlineData(2.0, 3)]
    public void Sliced_W2_of_a_ring_and_its_scaled_copy_is_exact_in_every_direction(double k, int copies)
    {
        // b = k a with each point repeated `copies` times (so N != M when copies > 1): along any unit theta the sorted
        // projections of b are k times a's, so W2^2 = (k - 1)^2 mean_i (theta . a_i)^2 = (k - 1)^2 r^2 / 2 for every
        // theta, because a ring's second moment is isotropic. SW2 = |k - 1| r / sqrt(2), whatever directions are drawn.
        using var scope = NewDisposeScope();
        const double r = 1.3;
        var a = Ring(12, r, 0.37);
        var b = (k * a).repeat_interleave(copies, 0);
        var expected = Math.Abs(k - 1) * r / Math.Sqrt(2);
        foreach (var (projections, seed) in new[] { (1, 0L), (7, 5L), (256, 0L) })
        {
            var sw2 = SlicedWasserstein.Distance(a, b, projections, seed);
            Assert.True(Math.Abs(sw2 - expected) < 1e-9, $"SW2(ring, {k} x ring, {copies} copies each) over {projections} directions: {sw2:R}, expected {expected:R}");
            Assert.True(Math.Abs(SlicedWasserstein.Distance(b, a, projections, seed) - expected) < 1e-9, "SW2 is symmetric");
        }
    }

    [Fact]
    public void Sliced_W2_of_samples_of_different_sizes_is_the_quantile_integral_over_the_larger()
    {
        // In 1-D every direction is +-1, so SW2 is W2 between a = {0, 1} and b = {0, 1, 2, 3}. Their quantile functions
        // on the quarters of (0, 1) are (0, 0), (0, 1), (1, 2), (1, 3): W2^2 = (0 + 1 + 1 + 4) / 4 = 1.5. Matching the
        // quantiles at the smaller sample's levels (1/4, 3/4) would give (1 + 4) / 2 = 2.5 instead.
        using var scope = NewDisposeScope();
        var a = tensor(new double[] { 1, 0 }, [2, 1], ScalarType.Float64, CadsRuntime.Device);
        var b = tensor(new double[] { 3, 0, 2, 1 }, [4, 1], ScalarType.Float64, CadsRuntime.Device);
        foreach (var (x, y) in new[] { (a, b), (b, a) })
        {
            var sw2 = SlicedWasserstein.Distance(x, y, projections: 5, seed: 3);
            Assert.True(Math.Abs(sw2 - Math.Sqrt(1.5)) < 1e-12, $"SW2 of {x.shape[0]} and {y.shape[0]} points: {sw2:R}, expected sqrt(1.5) = {Math.Sqrt(1.5):R}");
        }
    }

    [Fact]
    public void Sliced_W2_refuses_no_directions_and_samples_of_different_widths()
    {
        using var scope = NewDisposeScope();
        var a = Ring(4, 1, 0);
        Assert.Equal("projections", Assert.Throws<ArgumentException>(() => SlicedWasserstein.Distance(a, a, projections: 0)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => SlicedWasserstein.Distance(a, zeros(4, 3, ScalarType.Float64))).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => SlicedWasserstein.Distance(a, zeros(8, ScalarType.Float64))).ParamName);
    }

    [Fact]
    public void Precision_and_recall_separate_quality_from_coverage()
    {
        using var scope = NewDisposeScope();
        var real = World.Sample(0, 1500, 1);
        var (pSame, rSame) = PrecisionRecall.Measure(real, World.Sample(0, 1500, 2));
        Assert.True(pSame > 0.9 && rSame > 0.9, $"same: {pSame:F2} {rSame:F2}");
        // Only the dominant mode of class 0: all inside (precision ~1), 60% of the real mass covered (recall ~0.6).
        var dominant = World.MeanTensor(ScalarType.Float32, CadsRuntime.Device)[0] + 0.2f * randn([900, 2], generator: CadsRuntime.Generator(3)).to(CadsRuntime.Device);
        var (pMode, rMode) = PrecisionRecall.Measure(real, dominant);
        Assert.True(pMode > 0.9, $"one mode precision {pMode:F2}");
        Assert.InRange(rMode, 0.45, 0.7);
        // Far off the data: nothing inside.
        var (pOff, _) = PrecisionRecall.Measure(real, World.Sample(0, 1500, 2) + 10);
        Assert.Equal(0, pOff);
    }

    [Fact]
    public void Mode_coverage_counts_a_mode_when_it_gets_a_quarter_of_its_share()
    {
        using var scope = NewDisposeScope();
        var (x, labels) = World.Sample(3000, 5);
        var all = ModeCoverage.Measure(World, x, labels);
        Assert.Equal(1, all.Mean);
        // Class 1's samples all at its dominant mode: 1 of 5 modes.
        var dominant = World.ComponentsOf(1)[0];
        var (mx, my) = World.Means[dominant];
        var atMode = tensor(new[] { (float)mx, (float)my }, device: CadsRuntime.Device).expand(200, 2);
        var one = ModeCoverage.Measure(World, atMode, full(200, 1L, ScalarType.Int64, CadsRuntime.Device));
        Assert.Equal(0.2, one.PerClass[1], 12);
        Assert.Equal(200, one.Counts[dominant]);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void A_mode_is_covered_from_its_fair_share_on_and_not_one_sample_below(double fairShare)
    {
        // Class 1's 200 samples: the threshold written from the rule, fairShare pi_k / p(c) n_c; one minor mode gets the
        // smallest count that meets it, another one sample fewer, the rest sit on the dominant mode.
        using var scope = NewDisposeScope();
        const int c = 1, n = 200;
        var modes = World.ComponentsOf(c);
        int dominant = modes[0], reached = modes[1], missed = modes[2];
        var need = (int)Math.Ceiling(fairShare * World.Weights[reached] / World.ClassPrior(c) * n - 1e-9);
        var points = new List<double>();
        void At(int k, int count) { for (var i = 0; i < count; i++) points.AddRange([World.Means[k].X, World.Means[k].Y]); }
        At(reached, need);
        At(missed, need - 1);
        At(dominant, n - 2 * need + 1);
        var x = tensor(points.ToArray(), [n, 2], ScalarType.Float64, CadsRuntime.Device);
        var result = ModeCoverage.Measure(World, x, full(n, (long)c, ScalarType.Int64, CadsRuntime.Device), fairShare);
        Assert.Equal(need, result.Counts[reached]);
        Assert.Equal(need - 1, result.Counts[missed]);
        Assert.True(result.Covered[reached], $"{need} samples meet the fair share {need} of mode {reached}");
        Assert.False(result.Covered[missed], $"{need - 1} samples are below the fair share {need} of mode {missed}");
        Assert.Equal(2.0 / modes.Length, result.PerClass[c], 12);
        // Classes without samples cover nothing, and the mean averages over every class.
        Assert.Equal(0, result.PerClass[0]);
        Assert.Equal(2.0 / modes.Length / World.Classes, result.Mean, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_fair_share_outside_zero_to_one_is_refused(double fairShare)
    {
        using var scope = NewDisposeScope();
        var (x, labels) = World.Sample(30, 5);
        Assert.Equal("fairShare", Assert.Throws<ArgumentException>(() => ModeCoverage.Measure(World, x, labels, fairShare)).ParamName);
    }
}
