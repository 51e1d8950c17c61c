using Cads.Metrics;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Formulas;

/// <summary>
/// Precision and recall against a brute-force count written here with plain loops: for each query point, is it within
/// r_k(p) of some point p of the other set, r_k(p) being p's distance to its k-th nearest neighbour in its own set
/// (itself excluded)? Random small sets, where a radius one neighbour off changes the counts.
/// </summary>
public class PrecisionRecallFormulaTests
{
    static double[][] Points(int n, int dim, int seed, double shift)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dim).Select(_ => random.NextDouble() * 2 - 1 + shift).ToArray()).ToArray();
    }

    static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b, (x, y) => (x - y) * (x - y)).Sum());

    static double Radius(double[][] set, int j, int k) =>
        set.Where((_, i) => i != j).Select(p => Distance(p, set[j])).Order().ElementAt(k - 1);

    static double FractionInside(double[][] query, double[][] manifold, int k) =>
        query.Count(q => manifold.Select((p, j) => Distance(q, p) <= Radius(manifold, j, k)).Any(inside => inside)) / (double)query.Length;

    static Tensor AsTensor(double[][] points) =>
        tensor(points.SelectMany(p => p).ToArray(), [points.Length, points[0].Length], ScalarType.Float64, CadsRuntime.Device);

    [Theory]
    [InlineData(1, 2, 1)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 5, 3)]
    [InlineData(4, 3, 4)]
    public void Precision_and_recall_count_points_inside_the_other_sets_k_nn_balls(int k, int dim, int seed)
    {
        using var scope = NewDisposeScope();
        var real = Points(30, dim, seed, 0);
        var generated = Points(26, dim, seed + 100, 0.8);
        var (precision, recall) = PrecisionRecall.Measure(AsTensor(real), AsTensor(generated), k);
        var (expectedPrecision, expectedRecall) = (FractionInside(generated, real, k), FractionInside(real, generated, k));
        Assert.True(expectedPrecision is > 0 and < 1 && expectedRecall is > 0 and < 1,
            $"the sets should be partly inside each other for the check to say anything: {expectedPrecision}, {expectedRecall}");
        Assert.Equal(expectedPrecision, precision, 12);
        Assert.Equal(expectedRecall, recall, 12);
    }

    [Fact]
    public void The_radius_is_the_k_th_neighbour_not_the_k_plus_first()
    {
        // On a line: real points 0, 1, 3, 7. Their 1-NN radii are 1, 1, 2, 4; their 2-NN radii 3, 2, 3, 6.
        // Generated 4.5 is 1.5 from 3 (inside for k = 1 and 2); 10 is 3 from 7 (inside for both); -2.5 is 2.5 from 0:
        // outside with the 1-NN radii (1 around 0, the others too far), inside with the 2-NN radius 3 of 0.
        using var scope = NewDisposeScope();
        var real = tensor(new double[] { 0, 1, 3, 7 }, [4, 1], ScalarType.Float64, CadsRuntime.Device);
        var generated = tensor(new double[] { 4.5, 10, -2.5 }, [3, 1], ScalarType.Float64, CadsRuntime.Device);
        Assert.Equal(new[] { true, true, false }, PrecisionRecall.Inside(generated, real, k: 1).cpu().data<bool>().ToArray());
        Assert.Equal(new[] { true, true, true }, PrecisionRecall.Inside(generated, real, k: 2).cpu().data<bool>().ToArray());
    }
}
