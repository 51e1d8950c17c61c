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
