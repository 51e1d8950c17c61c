using Cads.Metrics;
using Cads.Runtime;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Metrics;

/// <summary>Each metric against values known independently of its code: limits, closed forms, hand counts.</summary>
public class MetricsTests
{
    static Tensor Normal(long n, long d, long seed) =>
        randn([n, d], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(seed));

    [Fact]
    public void Identical_sets_give_precision_recall_1_and_FID_0()
    {
        using var scope = NewDisposeScope();
        var x = Normal(300, 16, 1);
        Assert.Equal((1.0, 1.0), PrecisionRecall.Measure(x, x.clone()));
        Assert.Equal(0, FrechetDistance.Measure(x, x.clone()), 8);
        // Fewer points than dimensions: singular covariances, which the clamped eigenvalues handle.
        var few = Normal(10, 64, 2);
        Assert.Equal(0, FrechetDistance.Measure(few, few.clone()), 8);
    }

    [Fact]
    public void Far_apart_sets_give_precision_recall_0_and_a_large_FID()
    {
        using var scope = NewDisposeScope();
        var x = Normal(300, 16, 1);
        var far = Normal(300, 16, 2) + 100;
        Assert.Equal((0.0, 0.0), PrecisionRecall.Measure(x, far));
        // ||mu1 - mu2||^2 alone is about 16 x 100^2.
        Assert.InRange(FrechetDistance.Measure(x, far), 0.95 * 16 * 1e4, 1.05 * 16 * 1e4);
    }

    [Fact]
    public void Frechet_distance_from_moments_matches_the_closed_form_of_commuting_covariances()
    {
        using var scope = NewDisposeScope();
        double[] a = [0.5, 1, 2, 4], b = [2, 1, 0.25, 9];
        var mu1 = tensor(new double[] { 0, 1, 2, 3 }, device: CadsRuntime.Device);
        var mu2 = tensor(new double[] { 1, 1, 0, 3 }, device: CadsRuntime.Device);
        // ||mu1 - mu2||^2 + sum (sqrt(a) - sqrt(b))^2 for diagonal covariances.
        var expected = 1 + 4 + a.Zip(b, (p, q) => Math.Pow(Math.Sqrt(p) - Math.Sqrt(q), 2)).Sum();
        var diagA = diag(tensor(a, device: CadsRuntime.Device));
        var diagB = diag(tensor(b, device: CadsRuntime.Device));
        Assert.Equal(expected, FrechetDistance.FromMoments(mu1, diagA, mu2, diagB), 10);
        // The same eigenvalues in a random rotated basis Q: the distance does not depend on the basis.
        var q = linalg.qr(Normal(4, 4, 3)).Q;
        Assert.Equal(expected, FrechetDistance.FromMoments(q.matmul(mu1), q.matmul(diagA).matmul(q.T), q.matmul(mu2), q.matmul(diagB).matmul(q.T)), 9);
        // Equal covariances of any shape: only the means count.
        var s = Normal(4, 4, 4);
        s = s.matmul(s.T);
        Assert.Equal(5, FrechetDistance.FromMoments(mu1, s, mu2, s), 9);
    }

    [Fact]
    public void Frechet_distance_of_large_samples_approaches_the_closed_form()
    {
        using var scope = NewDisposeScope();
        const int n = 200_000;
        double[] a = [0.5, 1, 2, 4], b = [2, 1, 0.25, 9];
        var shift = tensor(new double[] { 1, 0, -2, 0 }, device: CadsRuntime.Device);
        var x = Normal(n, 4, 5) * tensor(a, device: CadsRuntime.Device).sqrt();
        var y = Normal(n, 4, 6) * tensor(b, device: CadsRuntime.Device).sqrt() + shift;
        var expected = 5 + a.Zip(b, (p, q) => Math.Pow(Math.Sqrt(p) - Math.Sqrt(q), 2)).Sum();
        Assert.InRange(FrechetDistance.Measure(x, y), 0.98 * expected, 1.02 * expected);
        using var fit = GaussianFit.Of(y);
        TensorAssert.Close(diag(tensor(b, device: CadsRuntime.Device)), fit.Covariance, atol: 0.1, rtol: 0, "fitted covariance vs diag(b)");
    }

    [Fact]
    public void Vendi_counts_effective_items()
    {
        using var scope = NewDisposeScope();
        var one = Normal(1, 8, 7);
        Assert.Equal(1, VendiScore.Measure(one.expand(20, 8)), 9);
        Assert.Equal(12, VendiScore.Measure(eye(12, 30, ScalarType.Float64, CadsRuntime.Device) * 3), 9);
        // n > D takes the D x D route: 5 copies of each of 4 orthogonal directions are 4 effective items.
        Assert.Equal(4, VendiScore.Measure(eye(4, dtype: ScalarType.Float64, device: CadsRuntime.Device).repeat(5, 1)), 9);
        // Cosine ignores length.
        var x = Normal(50, 8, 8);
        Assert.Equal(VendiScore.Measure(x), VendiScore.Measure(x * linspace(0.5, 3, 50, ScalarType.Float64, CadsRuntime.Device).unsqueeze(1)), 9);
    }

    [Fact]
    public void MSS_is_1_for_identical_items_0_for_orthogonal_and_minus_1_for_opposite()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(1, MeanSimilarityScore.Measure(Normal(1, 8, 9).expand(10, 8)), 9);
        Assert.Equal(0, MeanSimilarityScore.Measure(eye(6, dtype: ScalarType.Float64, device: CadsRuntime.Device)), 9);
        var e = Normal(1, 8, 10);
        Assert.Equal(-1, MeanSimilarityScore.Measure(cat([e, -2 * e])), 9);
        // A hand count: cos = 1 (a, a'), 0 (a, b) twice over 3 x 2 ordered pairs.
        var hand = tensor(new double[,] { { 1, 0 }, { 2, 0 }, { 0, 1 } }, device: CadsRuntime.Device);
        Assert.Equal(2.0 / 6, MeanSimilarityScore.Measure(hand), 12);
    }

    [Fact]
    public void Inception_style_score_is_1_for_constant_and_C_for_confident_uniform_predictions()
    {
        using var scope = NewDisposeScope();
        var constant = tensor(new double[] { 0.7, 0.2, 0.1 }, device: CadsRuntime.Device).expand(30, 3);
        Assert.Equal(1, InceptionScore.FromProbabilities(constant), 9);
        Assert.Equal(1, InceptionScore.FromLogits(Normal(1, 10, 11).expand(40, 10)), 9);
        var labels = arange(10, ScalarType.Int64, CadsRuntime.Device).repeat(7);
        var oneHot = nn.functional.one_hot(labels, 10).to(ScalarType.Float64);
        Assert.Equal(10, InceptionScore.FromProbabilities(oneHot), 9);
        Assert.Equal(10, InceptionScore.FromLogits(oneHot * 100), 6);
        // Confident but only 2 of 10 classes used: 2.
        Assert.Equal(2, InceptionScore.FromProbabilities(oneHot.index_select(0, labels.lt(2).nonzero().squeeze(1))), 9);
    }

    [Fact]
    public void Class_accuracy_counts_matches()
    {
        using var scope = NewDisposeScope();
        var requested = tensor(new long[] { 0, 1, 2, 3 }, device: CadsRuntime.Device);
        Assert.Equal(0.75, ClassAccuracy.Measure(tensor(new long[] { 0, 1, 2, 0 }, device: CadsRuntime.Device), requested));
    }

    [Fact]
    public void Bad_input_names_the_parameter()
    {
        using var scope = NewDisposeScope();
        var x = Normal(10, 4, 1);
        Assert.Equal("generated", Assert.Throws<ArgumentException>(() => PrecisionRecall.Measure(x, Normal(10, 5, 2))).ParamName);
        Assert.Equal("generated", Assert.Throws<ArgumentException>(() => PrecisionRecall.Measure(x, Normal(3, 4, 2))).ParamName);
        Assert.Equal("real", Assert.Throws<ArgumentException>(() => PrecisionRecall.Measure(Normal(3, 4, 2), x)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentException>(() => PrecisionRecall.Measure(x, x, k: 0)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => FrechetDistance.Measure(x, Normal(10, 3, 2))).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => FrechetDistance.Measure(Normal(1, 4, 2), x)).ParamName);
        Assert.Equal("s2", Assert.Throws<ArgumentException>(() =>
            FrechetDistance.FromMoments(zeros(4), eye(4), zeros(4), eye(3))).ParamName);
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => VendiScore.Measure(zeros(3, 4))).ParamName);
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => MeanSimilarityScore.Measure(Normal(1, 4, 3))).ParamName);
        Assert.Equal("embeddings", Assert.Throws<ArgumentException>(() => MeanSimilarityScore.Measure(zeros(4))).ParamName);
        Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => InceptionScore.FromProbabilities(full(3, 2, 0.4))).ParamName);
        Assert.Equal("requested", Assert.Throws<ArgumentException>(() => ClassAccuracy.Measure(zeros(3, ScalarType.Int64), zeros(4, ScalarType.Int64))).ParamName);
    }
}
