using Cads.Evaluation;

namespace Cads.Tests.Evaluation;

public class EstimateTests
{
    // P(T <= x) for Student's t by Simpson integration of its density: independent of the table under test.
    static double TCdf(double x, int df)
    {
        double Density(double u) => Math.Exp(LogGamma((df + 1) / 2.0) - LogGamma(df / 2.0)) / Math.Sqrt(df * Math.PI) * Math.Pow(1 + u * u / df, -(df + 1) / 2.0);
        const int n = 20000;
        var h = x / n;
        var sum = Density(0) + Density(x);
        for (var i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * Density(i * h);
        return 0.5 + sum * h / 3;
    }

    static double LogGamma(double z)    // Lanczos, g = 7
    {
        double[] c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        z -= 1;
        var x = c[0];
        for (var i = 1; i < 9; i++) x += c[i] / (z + i);
        var t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(x);
    }

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(9)] [InlineData(30)]
    public void The_t_quantile_leaves_2_5_percent_above_it(int df)
    {
        var p = TCdf(StudentT.Quantile975(df), df);
        Assert.True(Math.Abs(p - 0.975) < 2e-4, $"df = {df}: P(T <= q) = {p:F6}, expected 0.975");
    }

    [Fact]
    public void An_estimate_is_the_mean_with_t_times_the_standard_error()
    {
        var e = Estimate.Of([1.0, 2.0, 6.0]);           // mean 3, sd sqrt(7), n 3
        Assert.Equal(3.0, e.Mean, 12);
        Assert.Equal(4.303 * Math.Sqrt(7.0 / 3), e.HalfWidth, 9);
        Assert.Equal(e.Mean - e.HalfWidth, e.Low, 12);
        Assert.Equal(3, e.Count);
        Assert.True(double.IsPositiveInfinity(Estimate.Of([0.4]).HalfWidth), "one seed has no spread to estimate");
        Assert.Equal("3.00 ± 6.57", e.Format("F2"));
    }

    [Fact]
    public void The_95_percent_interval_covers_the_true_mean_about_95_percent_of_the_time()
    {
        var random = new Random(5);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        const int trials = 4000;
        var covered = 0;
        for (var i = 0; i < trials; i++)
        {
            var e = Estimate.Of([.. Enumerable.Range(0, 3).Select(_ => 2 + 0.5 * Normal())]);
            if (e.Low <= 2 && 2 <= e.High) covered++;
        }
        Assert.InRange(covered / (double)trials, 0.94, 0.96);
    }

    [Fact]
    public void A_paired_verdict_is_three_way_and_follows_the_claimed_direction()
    {
        double[] a = [0.50, 0.60, 0.70];
        Assert.Equal(Verdict.Holds, PairedComparison.Of(a, [0.61, 0.70, 0.81], Expected.Higher).Verdict);     // +0.10 ± small
        Assert.Equal(Verdict.DoesNotHold, PairedComparison.Of(a, [0.61, 0.70, 0.81], Expected.Lower).Verdict);
        Assert.Equal(Verdict.WithinNoise, PairedComparison.Of(a, [0.60, 0.55, 0.75], Expected.Higher).Verdict); // +0.10, -0.05, +0.05
        // Pairing: the seeds' shared spread (0.5..0.7) is far larger than the difference, which is constant.
        var paired = PairedComparison.Of(a, [0.52, 0.62, 0.72], Expected.Higher);
        Assert.Equal(Verdict.Holds, paired.Verdict);
        Assert.Equal(0.02, paired.Difference.Mean, 12);
        Assert.Equal(Verdict.WithinNoise, PairedComparison.Of([0.5], [0.9], Expected.Higher).Verdict);
        Assert.Throws<ArgumentException>(() => PairedComparison.Of(a, [0.1, 0.2], Expected.Higher));
    }
}
