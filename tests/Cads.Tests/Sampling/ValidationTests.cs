using Cads.Noise;
using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

public class ValidationTests
{
    static void Rejects(Action make, string parameter, string message)
    {
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Equal(parameter, e.ParamName);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Tau1_above_tau2() =>
        Rejects(() => new AnnealingSchedule(0.9, 0.8), "tau1", "tau1 must be in [0, tau2] = [0, 0.8]; got 0.9");

    [Fact]
    public void Tau1_below_zero() =>
        Rejects(() => new AnnealingSchedule(-0.1, 0.8), "tau1", "tau1 must be in [0, tau2] = [0, 0.8]; got -0.1");

    [Fact]
    public void Tau2_outside_the_unit_interval() =>
        Rejects(() => new AnnealingSchedule(0.5, 1.2), "tau2", "tau2 must be in [0, 1]; got 1.2");

    [Fact]
    public void Negative_noise_scale() =>
        Rejects(() => new CadsSettings(0.6, 0.9, -0.5).Transform(NoiseSource.Seeded(0)), "noiseScale s", "noiseScale s must be finite and >= 0; got -0.5");

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Psi_outside_the_unit_interval(double psi) =>
        Rejects(() => new CadsSettings(0.6, 0.9, 0.1, psi).Transform(NoiseSource.Seeded(0)), "psi", "psi must be in [0, 1]; got");

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Non_finite_guidance_weight(double w) =>
        Rejects(() => new Cfg(new ConditionalDenoiser(new ToyModel(), new VpLinearSchedule()), Condition.Classes(0), w),
            "w", "w must be a finite number; got");

    [Fact]
    public void Zero_steps()
    {
        Rejects(() => TimeGrid.Uniform(new VpLinearSchedule(), 0), "steps", "steps must be >= 1; got 0");
        Rejects(() => TimeGrid.Karras(new EdmSchedule(), 0), "steps", "steps must be >= 1; got 0");
    }

    [Fact]
    public void Grids_that_do_not_run_from_one_to_zero_strictly_downwards()
    {
        var schedule = new VpLinearSchedule();
        Rejects(() => TimeGrid.FromTimes(schedule, [1.0]), "steps", "steps must be >= 1; got 0");
        Rejects(() => TimeGrid.FromTimes(schedule, [1.0, 0.5]), "times", "times must run from 1 to 0; got 1 ... 0.5");
        Rejects(() => TimeGrid.FromTimes(schedule, [0.9, 0.0]), "times", "times must run from 1 to 0; got 0.9 ... 0");
        Rejects(() => TimeGrid.FromTimes(schedule, [1.0, 0.5, 0.5, 0.0]), "times", "times must decrease strictly; t[2] = 0.5 follows 0.5");
        Rejects(() => TimeGrid.FromTimes(schedule, [1.0, 0.4, 0.6, 0.0]), "times", "times must decrease strictly; t[2] = 0.6 follows 0.4");
        Assert.Equal(3, TimeGrid.FromTimes(schedule, [1.0, 0.6, 0.4, 0.0]).Steps);
        Assert.Equal("spacing", Assert.Throws<ArgumentOutOfRangeException>(() => TimeGrid.Of((GridSpacing)7, schedule, 5)).ParamName);
    }

    [Fact]
    public void Schedule_parameters_out_of_range()
    {
        Rejects(() => new VpCosineSchedule(alphaBarMin: 0.7), "alphaBarMin", "alphaBarMin must be in (0, 0.5]; got 0.7");
        Rejects(() => new VpLinearSchedule(betaMin: 2, betaMax: 1), "betaMax", "betaMax must be in [betaMin, inf) = [2, inf); got 1");
        Rejects(() => TimeGrid.Karras(new EdmSchedule(), 10, sigmaMin: 0), "sigmaMin", "sigmaMin must be in (0, sigma_max] = (0, 80]; got 0");
        Rejects(() => TimeGrid.Karras(new EdmSchedule(), 10, sigmaMin: 81), "sigmaMin", "sigmaMin must be in (0, sigma_max] = (0, 80]; got 81");
        Rejects(() => TimeGrid.Karras(new EdmSchedule(), 10, rho: 0), "rho", "rho must be finite and > 0; got 0");
        Rejects(() => new AnnealingSchedule(0.3, 0.6).Gamma(1.5), "t", "t must be in [0, 1]; got 1.5");
        Rejects(() => new AnnealingSchedule(0.3, 0.6).Clock(-0.1), "t", "t must be in [0, 1]; got -0.1");
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => TimeGrid.Of((GridSpacing)7, new EdmSchedule(), 5));
        Assert.Contains("unknown grid spacing", unknown.Message);
    }

    [Fact]
    public void Sampling_starts_from_sigma_at_t_1_times_the_drawn_noise()
    {
        // EDM's sigma(1) = 80 is far from 1, so a division in place of the product cannot pass.
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new EdmSchedule(), 4);
        var z = grid.InitialNoise([3, 2], NoiseSource.Seeded(11));
        var n = NoiseSource.Seeded(11).Next([3, 2], ScalarType.Float32, CadsRuntime.Device);
        TensorAssert.Close(80 * n, z, 1e-4, 1e-6, "z at t = 1 against sigma(1) n");
    }

    [Fact]
    public void A_constant_beta_schedule_inverts_sigma_tilde_by_the_linear_branch()
    {
        // beta_max = beta_min: log(1 + sigma~^2) = beta t, so t = log(1 + sigma~^2) / beta.
        var constant = new VpLinearSchedule(betaMin: 3, betaMax: 3);
        foreach (var t in new[] { 0.1, 0.45, 0.9 })
        {
            var edmSigma = constant.EdmSigma(t);
            Assert.Equal(Math.Log(1 + edmSigma * edmSigma) / 3, constant.TimeOfEdmSigma(edmSigma), 12);
            Assert.Equal(t, constant.TimeOfEdmSigma(edmSigma), 9);
        }
    }

    [Fact]
    public void Noise_sources_refuse_draws_they_cannot_make()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var device = CadsRuntime.Device;
        var perSample = NoiseSource.PerSample([1, 2, 3]);
        Rejects(() => perSample.Next([2, 4], ScalarType.Float32, device), "shape", "shape must have batch size 3 (one seed per sample); got [2, 4]");
        Rejects(() => perSample.Next([], ScalarType.Float32, device), "shape", "shape must have batch size 3 (one seed per sample); got []");
        Assert.Equal([3L, 4L], perSample.Next([3, 4], ScalarType.Float32, device).shape);
        var kind = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseSource.Seeded(1).Next([2], ScalarType.Float32, device, (NoiseKind)9));
        Assert.Equal("kind", kind.ParamName);
        Assert.Contains("unknown noise kind", kind.Message);

        // Injected draws are counted: the message names the draw that failed.
        var injected = NoiseSource.Injected([zeros(2), zeros(2), zeros(5)]);
        injected.Next([2], ScalarType.Float32, device);
        injected.Next([2], ScalarType.Float32, device);
        Rejects(() => injected.Next([2], ScalarType.Float32, device), "shape", "injected draw 2 must have shape [2]; got [5]");
        Rejects(() => NoiseSource.Injected([zeros(2, 3)]).Next([3, 2], ScalarType.Float32, device), "shape",
            "injected draw 0 must have shape [3, 2]; got [2, 3]");
        var short_ = NoiseSource.Injected([zeros(2)]);
        short_.Next([2], ScalarType.Float32, device);
        var ranOut = Assert.Throws<InvalidOperationException>(() => short_.Next([2], ScalarType.Float32, device));
        Assert.StartsWith("The injected noise ran out after 1 draws", ranOut.Message);
    }

    [Fact]
    public void Seed_policies_refuse_what_their_generator_seeds_cannot_hold()
    {
        Rejects(() => new SeedPolicy(SeedPolicy.MaxSeed + 1).For(1), "seed", $"seed must be in [0, {SeedPolicy.MaxSeed}]");
        Rejects(() => new SeedPolicy(3).For(SeedPolicy.MaxSamples + 1), "samples (per-sample seeds)",
            $"samples (per-sample seeds) must be in [1, {SeedPolicy.MaxSamples}]");
        // One generator for the whole batch: no per-sample key, so any batch size.
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var batch = new SeedPolicy(3, NoiseStreams.Batched).For(SeedPolicy.MaxSamples + 1).Initial
            .Next([SeedPolicy.MaxSamples + 1], ScalarType.Float32, CadsRuntime.Device);
        Assert.Equal([SeedPolicy.MaxSamples + 1L], batch.shape);
    }

    [Fact]
    public void The_step_fraction_clock_needs_the_grid()
    {
        var settings = new CadsSettings { OnStepFraction = true };
        Rejects(() => settings.Transform(NoiseSource.Seeded(1)), "grid", "grid is needed to read gamma on the step fraction");
        Assert.NotNull(settings.Transform(NoiseSource.Seeded(1), TimeGrid.Uniform(new VpLinearSchedule(), 10)).Schedule.StepGrid);
        Assert.Null(new CadsSettings().Transform(NoiseSource.Seeded(1)).Schedule.StepGrid);
        // A grid given for another reason does not switch the clock: only OnStepFraction does.
        Assert.Null(new CadsSettings().Transform(NoiseSource.Seeded(1), TimeGrid.Uniform(new VpLinearSchedule(), 10)).Schedule.StepGrid);
    }

    [Fact]
    public void Condition_of_the_wrong_shape()
    {
        CadsRuntime.Init();
        var denoiser = new ConditionalDenoiser(new ToyModel(), new VpLinearSchedule());
        Rejects(() => new Cfg(denoiser, Condition.Of(zeros(2, 5)), 3), "condition",
            "condition must have shape [batch, 3] (the model's ConditionShape); got [2, 5]");
        Rejects(() => Condition.Of(zeros(3)), "value", "value must have a batch dimension first");
        Rejects(() => Condition.Classes(zeros(2, 2, ScalarType.Int64)), "labels", "labels must be a 1-D int64 tensor");
    }

    [Fact]
    public void A_diverging_sampler_names_the_step_and_suggests_psi_or_a_smaller_s()
    {
        CadsRuntime.Init();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 10);
        var e = Assert.Throws<InvalidOperationException>(() =>
            Samplers.Euler(new BlowsUpAt(grid.Times[3], grid.Schedule), zeros(2, 2), grid));
        Assert.Contains("step 3", e.Message);
        Assert.Contains("psi", e.Message);
        Assert.Contains("smaller noise scale s", e.Message);
    }

    sealed class BlowsUpAt(double t, NoiseSchedule schedule) : IDenoiser
    {
        public NoiseSchedule Schedule => schedule;
        public Tensor Denoise(Tensor z, double time) => time == t ? full_like(z, double.NaN) : zeros_like(z);
    }
}
