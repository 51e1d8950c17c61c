using Cads.Metrics;
using Cads.Runtime;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Metrics;

/// <summary>
/// The metrics' input rules read in full (parameter and message, values included), the edges of their ranges
/// (N = 1, D = 1, a manifold of exactly k points), and the Gaussian fit on a hand-computed set.
/// </summary>
public class MetricValidationTests
{
    static Tensor Normal(long n, long d, long seed) =>
        randn([n, d], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(seed));

    static Tensor Doubles(double[] values) => tensor(values, ScalarType.Float64, CadsRuntime.Device);

    static Tensor Doubles(double[,] values) => tensor(values, ScalarType.Float64, CadsRuntime.Device);

    // ArgumentException.Message is the text given plus " (Parameter 'name')".
    static void Refused(Action act, string parameter, string message)
    {
        var e = Assert.Throws<ArgumentException>(act);
        Assert.Equal(parameter, e.ParamName);
        Assert.Equal($"{message} (Parameter '{parameter}')", e.Message);
    }

    [Fact]
    public void Class_accuracy_of_a_single_sample_is_one_or_zero()
    {
        using var scope = NewDisposeScope();
        var two = tensor(new long[] { 2 }, device: CadsRuntime.Device);
        Assert.Equal(1.0, ClassAccuracy.Measure(two, two.clone()));
        Assert.Equal(0.0, ClassAccuracy.Measure(two, tensor(new long[] { 1 }, device: CadsRuntime.Device)));
    }

    [Fact]
    public void Class_accuracy_refuses_predictions_that_are_not_a_non_empty_vector_and_says_what_it_got()
    {
        using var scope = NewDisposeScope();
        Refused(() => ClassAccuracy.Measure(zeros(2, 3, ScalarType.Int64), zeros(2, ScalarType.Int64)),
            "predicted", "predicted must have shape [N], N >= 1; got [2, 3]");
        Refused(() => ClassAccuracy.Measure(zeros(0, ScalarType.Int64), zeros(0, ScalarType.Int64)),
            "predicted", "predicted must have shape [N], N >= 1; got [0]");
        Refused(() => ClassAccuracy.Measure(zeros(3, ScalarType.Int64), zeros(2, 2, ScalarType.Int64)),
            "requested", "requested must have shape [3] to match predicted; got [2, 2]");
    }

    [Fact]
    public void A_missing_feature_set_is_refused_by_name_before_it_is_read()
    {
        var e = Assert.Throws<ArgumentNullException>(() => FrechetDistance.Measure(null!, Normal(5, 2, 1)));
        Assert.Equal("a", e.ParamName);
    }

    [Fact]
    public void Feature_set_messages_name_the_set_and_the_values_found()
    {
        using var scope = NewDisposeScope();
        var x = Normal(10, 4, 1);
        Refused(() => VendiScore.Measure(zeros(2, 3, 4)), "embeddings", "embeddings must have shape [N, D]; got [2, 3, 4]");
        Refused(() => FrechetDistance.Measure(Normal(1, 4, 2), x), "a", "a needs at least 2 rows; got 1");
        Refused(() => FrechetDistance.Measure(x, Normal(10, 3, 2)), "b", "a and b must have the same feature dimension; got 4 and 3");
        var withZeroRow = cat([Normal(2, 3, 3), zeros(1, 3, ScalarType.Float64, CadsRuntime.Device)]);
        Refused(() => VendiScore.Measure(withZeroRow), "embeddings", "embeddings has an all-zero row: its cosine similarity is undefined");
        Refused(() => InceptionScore.FromProbabilities(full(3, 2, 0.4)), "probabilities", "probabilities must be non-negative with rows summing to 1");
    }

    [Fact]
    public void Gaussian_fit_of_three_points_has_their_mean_and_unbiased_covariance()
    {
        using var scope = NewDisposeScope();
        // (0, 0), (2, 0), (4, 6): mean (2, 2); centred (-2, -2), (0, -2), (2, 4); sums of products 8, 12, 24 over N - 1 = 2.
        using var fit = GaussianFit.Of(Doubles(new double[,] { { 0, 0 }, { 2, 0 }, { 4, 6 } }));
        TensorAssert.Close(Doubles([2, 2]), fit.Mean, atol: 1e-12, rtol: 0, "mean");
        TensorAssert.Close(Doubles(new double[,] { { 4, 6 }, { 6, 12 } }), fit.Covariance, atol: 1e-12, rtol: 0, "covariance");
    }

    [Fact]
    public void Disposing_a_Gaussian_fit_frees_its_mean_and_covariance()
    {
        using var scope = NewDisposeScope();
        var fit = GaussianFit.Of(Normal(5, 3, 4));
        Assert.False(fit.Mean.IsInvalid || fit.Covariance.IsInvalid);
        fit.Dispose();
        Assert.True(fit.Mean.IsInvalid, "mean still holds native memory");
        Assert.True(fit.Covariance.IsInvalid, "covariance still holds native memory");
    }

    [Fact]
    public void Frechet_distance_in_one_dimension_is_the_squared_mean_gap_plus_the_squared_std_gap()
    {
        using var scope = NewDisposeScope();
        // N(0, 4) vs N(3, 1): 3^2 + (2 - 1)^2 = 10.
        Assert.Equal(10, FrechetDistance.FromMoments(Doubles([0]), Doubles(new double[,] { { 4 } }), Doubles([3]), Doubles(new double[,] { { 1 } })), 10);
    }

    [Fact]
    public void Frechet_moments_of_the_wrong_shapes_are_refused_with_the_shape_expected_and_found()
    {
        using var scope = NewDisposeScope();
        // A [1, 1] mean would broadcast against everything [1]-shaped: it must be refused, not computed with.
        Refused(() => FrechetDistance.FromMoments(zeros(1, 1), eye(1), zeros(1), eye(1)), "mu1", "mu1 must have shape [D]; got [1, 1]");
        Refused(() => FrechetDistance.FromMoments(zeros(4), eye(4), zeros(4, 1), eye(4)), "mu2", "mu2 must have shape [4] like mu1; got [4, 1]");
        Refused(() => FrechetDistance.FromMoments(zeros(4), eye(3), zeros(4), eye(4)), "s1", "s1 must have shape [4, 4]; got [3, 3]");
        Refused(() => FrechetDistance.FromMoments(zeros(4), eye(4), zeros(4), eye(3)), "s2", "s2 must have shape [4, 4]; got [3, 3]");
    }

    [Fact]
    public void Precision_recall_refuses_k_below_one_with_its_value()
    {
        using var scope = NewDisposeScope();
        var x = Normal(10, 4, 1);
        Refused(() => PrecisionRecall.Measure(x, x, k: 0), "k", "k must be >= 1; got 0");
        Refused(() => PrecisionRecall.Inside(x, x, k: 0), "k", "k must be >= 1; got 0");
    }

    [Fact]
    public void A_manifold_of_exactly_k_points_has_no_k_th_neighbour_and_is_refused()
    {
        using var scope = NewDisposeScope();
        // Each point is its own nearest neighbour, so the k-th other one needs k + 1 points.
        Refused(() => PrecisionRecall.Inside(Normal(5, 2, 1), Normal(3, 2, 2), k: 3), "manifold", "manifold needs at least 4 rows; got 3");
        Assert.Equal([5L], PrecisionRecall.Inside(Normal(5, 2, 1), Normal(4, 2, 2), k: 3).shape);
    }

    [Fact]
    public void Inside_refuses_a_query_of_another_feature_dimension()
    {
        using var scope = NewDisposeScope();
        Refused(() => PrecisionRecall.Inside(Normal(2, 3, 1), Normal(5, 4, 2)), "manifold",
            "query and manifold must have the same feature dimension; got 3 and 4");
    }
}
