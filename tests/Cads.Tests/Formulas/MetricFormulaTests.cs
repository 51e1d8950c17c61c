using Cads.Metrics;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Formulas;

/// <summary>The metrics at generic values, against closed forms and loops written here.</summary>
public class MetricFormulaTests
{
    static Tensor Of(double[] values, long rows, long cols) => tensor(values, [rows, cols], ScalarType.Float64, CadsRuntime.Device);

    [Fact]
    public void Frechet_distance_of_non_commuting_2x2_covariances_matches_the_2x2_closed_form()
    {
        // For 2x2 SPD S1, S2: M = S1^1/2 S2 S1^1/2 has tr M = tr(S1 S2) and det M = det S1 det S2, and
        // tr sqrt(M) = sqrt(tr M + 2 sqrt(det M)); so d^2 = |mu1 - mu2|^2 + tr S1 + tr S2 - 2 sqrt(tr(S1 S2) + 2 sqrt(det S1 det S2)).
        using var scope = NewDisposeScope();
        double[] s1 = [2.0, 0.7, 0.7, 1.1], s2 = [0.6, -0.4, -0.4, 3.2];
        double[] mu1 = [0.3, -1.2], mu2 = [1.1, 0.4];
        double Tr(double[] s) => s[0] + s[3];
        double Det(double[] s) => s[0] * s[3] - s[1] * s[2];
        var trProduct = s1[0] * s2[0] + s1[1] * s2[2] + s1[2] * s2[1] + s1[3] * s2[3];
        var expected = Math.Pow(mu1[0] - mu2[0], 2) + Math.Pow(mu1[1] - mu2[1], 2) + Tr(s1) + Tr(s2)
                       - 2 * Math.Sqrt(trProduct + 2 * Math.Sqrt(Det(s1) * Det(s2)));
        var actual = FrechetDistance.FromMoments(tensor(mu1, device: CadsRuntime.Device), Of(s1, 2, 2), tensor(mu2, device: CadsRuntime.Device), Of(s2, 2, 2));
        Assert.Equal(expected, actual, 9);
    }

    [Fact]
    public void Mean_similarity_is_the_mean_cosine_over_distinct_pairs()
    {
        using var scope = NewDisposeScope();
        var random = new Random(5);
        var rows = Enumerable.Range(0, 6).Select(_ => Enumerable.Range(0, 4).Select(_ => random.NextDouble() * 2 - 0.7).ToArray()).ToArray();
        double Cosine(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(x => x * x));
        var pairs = from i in Enumerable.Range(0, 6) from j in Enumerable.Range(0, 6) where i != j select Cosine(rows[i], rows[j]);
        Assert.Equal(pairs.Average(), MeanSimilarityScore.Measure(Of(rows.SelectMany(r => r).ToArray(), 6, 4)), 12);
    }

    [Fact]
    public void Vendi_of_two_items_is_the_exponential_entropy_of_the_kernel_eigenvalues()
    {
        // K = [[1, c], [c, 1]] (cosine kernel), K / 2 has eigenvalues (1 +- c) / 2: VS = exp(-sum l log l).
        using var scope = NewDisposeScope();
        double[] a = [1.0, 0.2, -0.5], b = [0.3, 0.9, 0.4];
        var c = a.Zip(b, (x, y) => x * y).Sum() / Math.Sqrt(a.Sum(x => x * x) * b.Sum(x => x * x));
        var eigen = new[] { (1 + c) / 2, (1 - c) / 2 };
        var expected = Math.Exp(-eigen.Sum(l => l * Math.Log(l)));
        Assert.Equal(expected, VendiScore.Measure(Of([.. a, .. b], 2, 3)), 10);
    }

    [Fact]
    public void Inception_score_is_the_exponential_mean_kl_of_each_prediction_from_the_marginal()
    {
        using var scope = NewDisposeScope();
        double[][] logits = [[1.2, -0.3, 0.4], [0.1, 2.0, -1.0], [-0.5, 0.2, 0.9], [0.8, 0.8, -0.2]];
        var p = logits.Select(row => { var e = row.Select(Math.Exp).ToArray(); return e.Select(v => v / e.Sum()).ToArray(); }).ToArray();
        var marginal = Enumerable.Range(0, 3).Select(c => p.Average(row => row[c])).ToArray();
        var meanKl = p.Average(row => row.Select((v, c) => v * Math.Log(v / marginal[c])).Sum());
        Assert.Equal(Math.Exp(meanKl), InceptionScore.FromLogits(Of(logits.SelectMany(r => r).ToArray(), 4, 3)), 10);
    }
}
