using Cads.Annealing;
using Cads.Noise;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Formulas;

/// <summary>
/// CADS's condition at generic values, inside the window (0 &lt; gamma &lt; 1), with s, psi and the degree away from the
/// values where wrong formulas agree (gamma 0 or 1, s 0 or 1, psi 0 or 1): each written out here with plain loops.
/// </summary>
public class CadsFormulaTests
{
    const double Tau1 = 0.25, Tau2 = 0.8, S = 0.7;

    static Tensor Condition() =>
        randn([5, 4], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(3)) * 1.3 + 0.4;

    // gamma(t) = ((tau2 - t) / (tau2 - tau1))^d inside the window.
    static double Gamma(double t, double degree) => Math.Pow((Tau2 - t) / (Tau2 - Tau1), degree);

    static double[][] Rows(Tensor x) => Enumerable.Range(0, (int)x.shape[0]).Select(i => x[i].cpu().data<double>().ToArray()).ToArray();

    // (v - mean(v)) / std(v) * std(of) + mean(of) over one row (biased std), written with loops.
    static double[] Rescaled(double[] v, double[] of)
    {
        double Mean(double[] a) => a.Average();
        double Std(double[] a) => Math.Sqrt(a.Select(x => (x - Mean(a)) * (x - Mean(a))).Average());
        return v.Select(x => (x - Mean(v)) / Std(v) * Std(of) + Mean(of)).ToArray();
    }

    static void AssertRows(double[][] expected, Tensor actual, string what)
    {
        var got = Rows(actual);
        var gap = expected.Zip(got, (e, a) => e.Zip(a, (x, y) => Math.Abs(x - y)).Max()).Max();
        Assert.True(gap < 1e-12, $"{what}: largest difference from the written-out formula {gap:E2}");
    }

    [Theory]
    [InlineData(0.33, 1)]
    [InlineData(0.5, 1)]
    [InlineData(0.71, 2)]
    public void Without_rescaling_y_hat_is_sqrt_gamma_y_plus_s_sqrt_one_minus_gamma_n(double t, double degree)
    {
        using var scope = NewDisposeScope();
        var y = Condition();
        var settings = new CadsSettings(Tau1, Tau2, S, Psi: 0) { Degree = degree };
        var yHat = settings.Transform(NoiseSource.Seeded(9)).Apply(y, t);
        var n = Rows(NoiseSource.Seeded(9).Like(y));   // the same stream, drawn again
        var gamma = Gamma(t, degree);
        var expected = Rows(y).Select((row, i) => row.Select((v, j) => Math.Sqrt(gamma) * v + S * Math.Sqrt(1 - gamma) * n[i][j]).ToArray()).ToArray();
        AssertRows(expected, yHat, $"y_hat at t = {t} (gamma = {gamma:F3})");
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.65)]
    public void Y_final_blends_the_rescaled_and_the_raw_y_hat_by_psi(double psi)
    {
        using var scope = NewDisposeScope();
        var y = Condition();
        const double t = 0.55;
        var raw = (new CadsSettings(Tau1, Tau2, S, Psi: 0)).Transform(NoiseSource.Seeded(4)).Apply(y, t);
        var yFinal = new CadsSettings(Tau1, Tau2, S, psi).Transform(NoiseSource.Seeded(4)).Apply(y, t);
        var (rawRows, yRows) = (Rows(raw), Rows(y));
        var expected = rawRows.Select((row, i) => Rescaled(row, yRows[i]).Zip(row, (r, v) => psi * r + (1 - psi) * v).ToArray()).ToArray();
        AssertRows(expected, yFinal, $"y_final at psi = {psi}");
    }

    [Fact]
    public void Rescale_per_sample_and_per_batch_match_the_formula_sign_included()
    {
        using var scope = NewDisposeScope();
        var y = Condition();
        var yHat = randn([5, 4], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(8)) * 2.5 - 1;
        var (hatRows, yRows) = (Rows(yHat), Rows(y));
        AssertRows(hatRows.Select((row, i) => Rescaled(row, yRows[i])).ToArray(), CadsTransform.Rescale(yHat, y, RescaleStatistics.PerSample), "per-sample rescale");
        // Per batch: one mean and std over every element, then the same map on each element.
        var flatHat = hatRows.SelectMany(r => r).ToArray();
        var flat = Rescaled(flatHat, yRows.SelectMany(r => r).ToArray());
        var expected = Enumerable.Range(0, 5).Select(i => flat.Skip(4 * i).Take(4).ToArray()).ToArray();
        AssertRows(expected, CadsTransform.Rescale(yHat, y, RescaleStatistics.PerBatch), "per-batch rescale");
    }

    [Fact]
    public void Each_step_draws_fresh_noise_from_the_stream_in_order()
    {
        using var scope = NewDisposeScope();
        var y = Condition();
        var transform = new CadsSettings(Tau1, Tau2, S, Psi: 0).Transform(NoiseSource.Seeded(12));
        var (first, second) = (transform.Apply(y, 0.5), transform.Apply(y, 0.5));
        var replay = NoiseSource.Seeded(12);
        var (n1, n2) = (Rows(replay.Like(y)), Rows(replay.Like(y)));
        var gamma = Gamma(0.5, 1);
        double[][] Expected(double[][] n) => Rows(y).Select((row, i) => row.Select((v, j) => Math.Sqrt(gamma) * v + S * Math.Sqrt(1 - gamma) * n[i][j]).ToArray()).ToArray();
        AssertRows(Expected(n1), first, "first step");
        AssertRows(Expected(n2), second, "second step, the stream's next draw");
    }
}
