using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

public class CadsTransformTests
{
    public CadsTransformTests() => CadsRuntime.Init();

    /// <summary>
    /// The rescale written out element by element, in plain doubles: within each group (a sample, or the whole batch)
    /// (y_hat - mean(y_hat)) / std(y_hat) * std(y) + mean(y), the std over the group without Bessel's correction.
    /// Restoring the mean and std alone would let a sign-flipped or permuted y_hat pass; this pins every element.
    /// </summary>
    [Theory]
    [InlineData(RescaleStatistics.PerSample)]
    [InlineData(RescaleStatistics.PerBatch)]
    public void Rescale_maps_each_element_of_y_hat_onto_the_statistics_of_y(RescaleStatistics statistics)
    {
        using var scope = NewDisposeScope();
        var g = CadsRuntime.Generator(11);
        long[] shape = [6, 3, 4, 4]; // image-shaped
        var y = randn(shape, ScalarType.Float64, CadsRuntime.Device, generator: g) * 2 + 1;
        var yHat = randn(shape, ScalarType.Float64, CadsRuntime.Device, generator: g) * 7 - 3;
        var rescaled = CadsTransform.Rescale(yHat, y, statistics);

        double[] yValues = y.cpu().data<double>().ToArray(), hatValues = yHat.cpu().data<double>().ToArray();
        var group = statistics == RescaleStatistics.PerSample ? yValues.Length / (int)shape[0] : yValues.Length;
        var expected = new double[yValues.Length];
        for (var start = 0; start < yValues.Length; start += group)
        {
            var (meanY, stdY) = MeanAndStd(yValues.AsSpan(start, group));
            var (meanHat, stdHat) = MeanAndStd(hatValues.AsSpan(start, group));
            for (var i = start; i < start + group; i++)
                expected[i] = (hatValues[i] - meanHat) / stdHat * stdY + meanY;
        }
        TensorAssert.Close(tensor(expected, shape, ScalarType.Float64, CadsRuntime.Device), rescaled, atol: 1e-12, rtol: 1e-12, $"{statistics} rescale");
    }

    static (double Mean, double Std) MeanAndStd(ReadOnlySpan<double> values)
    {
        double sum = 0, squares = 0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return (mean, Math.Sqrt(squares / values.Length));
    }

    [Theory]
    [InlineData(NoiseKind.Gaussian)]
    [InlineData(NoiseKind.Laplace)]
    [InlineData(NoiseKind.Uniform)]
    public void Every_noise_kind_has_zero_mean_and_unit_variance(NoiseKind kind)
    {
        using var scope = NewDisposeScope();
        // n = 10^6 draws: the sample variance has standard error sqrt((kurtosis - 1) / n), at most sqrt(5 / n) = 0.0022
        // (Laplace, kurtosis 6), and the mean 1 / sqrt(n) = 0.001; 0.015 and 0.006 are over 5 standard errors.
        var n = NoiseSource.Seeded(5).Next([1000, 1000], ScalarType.Float64, CadsRuntime.Device, kind);
        Assert.Equal(1, n.var().item<double>(), 0.015);
        Assert.Equal(0, n.mean().item<double>(), 0.006);
    }

    [Fact]
    public void Per_sample_noise_depends_only_on_the_sample_seed()
    {
        using var scope = NewDisposeScope();
        var both = NoiseSource.PerSample([1, 2]).Next([2, 5], ScalarType.Float32, CadsRuntime.Device);
        var alone = NoiseSource.PerSample([2]).Next([1, 5], ScalarType.Float32, CadsRuntime.Device);
        TensorAssert.Equal(alone[0], both[1], "sample seed 2's noise in a batch of two vs alone");
    }

    [Fact]
    public void With_gamma_zero_and_psi_zero_the_conditional_branch_sees_only_scaled_noise()
    {
        using var scope = NewDisposeScope();
        var y = randn([4, 3], ScalarType.Float32, CadsRuntime.Device, generator: CadsRuntime.Generator(1));
        var cads = new CadsSettings(0.2, 0.5, NoiseScale: 0.7, Psi: 0).Transform(NoiseSource.Seeded(9));
        var expected = 0.7 * NoiseSource.Seeded(9).Like(y); // the same stream, drawn again
        TensorAssert.Close(expected, cads.Apply(y, t: 0.8), atol: 1e-6, rtol: 1e-6, "condition at gamma = 0, psi = 0: s n");
    }

    [Fact]
    public void With_noise_scale_zero_and_psi_zero_the_condition_only_shrinks_by_sqrt_gamma()
    {
        using var scope = NewDisposeScope();
        var y = randn([4, 3], ScalarType.Float32, CadsRuntime.Device, generator: CadsRuntime.Generator(1));
        var cads = new CadsSettings(0.2, 0.6, NoiseScale: 0, Psi: 0).Transform(NoiseSource.Seeded(0));
        TensorAssert.Close(Math.Sqrt(0.5) * y, cads.Apply(y, 0.4), atol: 1e-6, rtol: 1e-6, "condition at gamma = 0.5, s = 0: sqrt(gamma) y");
        TensorAssert.Equal(y, cads.Apply(y, 0.1), "condition below tau1");
    }

    [Fact]
    public void Fresh_noise_every_step_and_every_sample()
    {
        using var scope = NewDisposeScope();
        var y = zeros([3, 4], ScalarType.Float32, CadsRuntime.Device);
        var cads = new CadsSettings(0.2, 0.5, NoiseScale: 1, Psi: 0).Transform(NoiseSource.Seeded(2));
        var first = cads.Apply(y, 0.9);
        var second = cads.Apply(y, 0.9);
        TensorAssert.NotClose(first, second, "two steps' conditions");
        TensorAssert.NotClose(first[0], first[1], "two samples' conditions at one step");
    }

    static (ToyModel Model, Tensor Sample) SampleDdpm(Func<ConditionalDenoiser, Condition, IDenoiser> guide, bool keepConditions = false)
    {
        var model = new ToyModel { KeepConditions = keepConditions };
        var denoiser = new ConditionalDenoiser(model, new VpLinearSchedule());
        var grid = TimeGrid.Uniform(denoiser.Schedule, 20);
        var z = grid.InitialNoise([4, 2], NoiseSource.Seeded(100));
        var sample = Samplers.Ddpm(guide(denoiser, Condition.Classes(0, 1, 2, 3)), z, grid, new() { Noise = NoiseSource.Seeded(200) });
        return (model, sample);
    }

    [Fact]
    public void Cads_with_noise_scale_zero_psi_zero_and_gamma_one_throughout_is_plain_cfg_exactly()
    {
        using var scope = NewDisposeScope();
        var (_, cfg) = SampleDdpm((d, c) => new Cfg(d, c, w: 4));
        var (_, cads) = SampleDdpm((d, c) => new Cfg(d, c, w: 4)
        {
            Cads = new CadsSettings(1, 1, NoiseScale: 0, Psi: 0).Transform(NoiseSource.Seeded(300)),
        });
        TensorAssert.Equal(cfg, cads, "CADS with gamma = 1 throughout vs CFG samples");
    }

    [Fact]
    public void Cads_with_noise_scale_zero_and_psi_one_is_plain_cfg_up_to_rounding()
    {
        using var scope = NewDisposeScope();
        var (_, cfg) = SampleDdpm((d, c) => new Cfg(d, c, w: 4));
        var (_, cads) = SampleDdpm((d, c) => new Cfg(d, c, w: 4)
        {
            // tau2 = 1.0 keeps gamma > 0 at every step but the first, where sqrt(gamma) y = 0 has no std to rescale.
            Cads = new CadsSettings(0.3, 1.0, NoiseScale: 0, Psi: 1).Transform(NoiseSource.Seeded(300)),
        });
        TensorAssert.Close(cfg, cads, atol: 1e-5, rtol: 1e-5, "CADS with s = 0, psi = 1 vs CFG samples");
    }

    [Fact]
    public void Both_branches_are_noised_by_default_and_only_the_conditional_one_when_asked()
    {
        using var scope = NewDisposeScope();
        var settings = new CadsSettings(0.2, 0.5, NoiseScale: 1);
        var nullEmbedding = new ToyModel().NullCondition(4);
        var clean = new ToyModel().Embed(tensor(new long[] { 0, 1, 2, 3 }, device: CadsRuntime.Device));
        var (both, _) = SampleDdpm((d, c) => new Cfg(d, c, w: 3) { Cads = settings.Transform(NoiseSource.Seeded(301)) }, keepConditions: true);
        var first = both.ConditionsSeen[0]; // t = 1: gamma = 0
        TensorAssert.NotClose(first[..4], clean, "conditional branch's condition at t = 1 vs the clean embedding");
        TensorAssert.NotClose(first[4..], nullEmbedding, "unconditional branch's condition at t = 1 vs the null embedding");

        var (conditional, _) = SampleDdpm((d, c) => new Cfg(d, c, w: 3)
        {
            Cads = (settings with { Branches = CadsBranches.Conditional }).Transform(NoiseSource.Seeded(301)),
        }, keepConditions: true);
        TensorAssert.NotClose(conditional.ConditionsSeen[0][..4], clean, "conditional branch only: its condition at t = 1 vs the clean embedding");
        TensorAssert.Equal(nullEmbedding, conditional.ConditionsSeen[0][4..], "conditional branch only: the unconditional branch's condition vs the null embedding");
    }
}
