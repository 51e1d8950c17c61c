using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Formulas;

/// <summary>
/// Classifier-free guidance from its two branches, computed here from the conditional denoiser itself, at generic w
/// and t: both conventions, Dynamic CFG and the guidance interval.
/// </summary>
public class GuidanceFormulaTests
{
    static readonly ConditionalDenoiser Denoiser = new(new ToyModel(), new VpLinearSchedule());
    static readonly Condition Labels = Condition.Classes(0, 1, 2, 3);

    static (Tensor Z, Tensor Conditional, Tensor Unconditional) Branches(double t)
    {
        var z = randn([4, 2], ScalarType.Float32, CadsRuntime.Device, generator: CadsRuntime.Generator(21));
        return (z, Denoiser.Denoise(z, t, Denoiser.Encode(Labels)), Denoiser.Denoise(z, t, Denoiser.Null(4)));
    }

    static void AssertClose(Tensor expected, Tensor actual, string what) =>
        TensorAssert.Close(expected, actual, 1e-5, 0, $"{what} against the two-branch formula");

    [Theory]
    [InlineData(2.7, 0.42)]
    [InlineData(0.4, 0.9)]
    public void Both_conventions_follow_their_formula(double w, double t)
    {
        using var scope = NewDisposeScope();
        var (z, c, u) = Branches(t);
        AssertClose(u + w * (c - u), new Cfg(Denoiser, Labels, w).Denoise(z, t), $"uncond-based, w = {w}");
        AssertClose(c + w * (c - u), new Cfg(Denoiser, Labels, w, CfgConvention.Paper).Denoise(z, t), $"paper's, w = {w}");
    }

    [Fact]
    public void Dynamic_cfg_weights_the_guidance_by_gamma_inside_the_window()
    {
        using var scope = NewDisposeScope();
        const double w = 5, t = 0.62, tau1 = 0.3, tau2 = 0.9;
        var gamma = (tau2 - t) / (tau2 - tau1);
        var (z, c, u) = Branches(t);
        var dynamic = GuidanceSchedule.Dynamic(new AnnealingSchedule(tau1, tau2));
        AssertClose(u + (1 + gamma * (w - 1)) * (c - u), new Cfg(Denoiser, Labels, w) { Schedule = dynamic }.Denoise(z, t), "uncond-based");
        AssertClose(c + gamma * w * (c - u), new Cfg(Denoiser, Labels, w, CfgConvention.Paper) { Schedule = dynamic }.Denoise(z, t), "paper's: w_hat = gamma w");
    }

    [Fact]
    public void The_interval_guides_inside_and_samples_the_conditional_outside()
    {
        using var scope = NewDisposeScope();
        var schedule = new VpLinearSchedule();
        var interval = GuidanceSchedule.Interval(0.5, 3);
        foreach (var (edmSigma, inside) in new[] { (0.7, true), (2.9, true), (0.3, false), (4.0, false) })
        {
            var t = schedule.TimeOfEdmSigma(edmSigma);
            var (z, c, u) = Branches(t);
            var expected = inside ? u + 4 * (c - u) : c;
            AssertClose(expected, new Cfg(Denoiser, Labels, 4) { Schedule = interval }.Denoise(z, t), $"sigma~ = {edmSigma}");
        }
    }

    [Fact]
    public void With_CADS_the_guide_reads_a_noisy_condition_of_its_own()
    {
        // Two transforms on one seed draw the same n: the first Apply noises the model's y, the second the guide's.
        using var scope = NewDisposeScope();
        const double w = 2.6, t = 0.75;
        var settings = new CadsSettings(0.3, 0.9, NoiseScale: 0.8);
        var guide = new ConditionalDenoiser(new ToyModel(seed: 8), new VpLinearSchedule());
        var (z, _, _) = Branches(t);
        var byHand = settings.Transform(NoiseSource.Seeded(5));
        var yHat = byHand.Apply(Denoiser.Encode(Labels), t);
        var guideYHat = byHand.Apply(guide.Encode(Labels), t);
        var guiding = guide.Denoise(z, t, guideYHat);
        var expected = guiding + w * (Denoiser.Denoise(z, t, yHat) - guiding);
        var cfg = new Cfg(Denoiser, Labels, w) { Guide = guide, Cads = settings.Transform(NoiseSource.Seeded(5)) };
        AssertClose(expected, cfg.Denoise(z, t), "Autoguidance with CADS on both conditions");
        TensorAssert.NotClose(guiding, guide.Denoise(z, t, guide.Encode(Labels)), "the guide's D on y_hat against on y (the check needs them apart)");
    }

    [Fact]
    public void A_guide_on_another_schedule_or_a_batch_that_does_not_fit_is_refused()
    {
        using var scope = NewDisposeScope();
        var cosine = new ConditionalDenoiser(new ToyModel(seed: 8), new VpCosineSchedule());
        var e = Assert.Throws<ArgumentException>(() => new Cfg(Denoiser, Labels, 2) { Guide = cosine });
        Assert.Equal("Guide", e.ParamName);
        Assert.StartsWith("Guide must use the denoiser's noise schedule (VpLinearSchedule); got VpCosineSchedule", e.Message);
        var batch = Assert.Throws<ArgumentException>(() => new Cfg(Denoiser, Labels, 2).Denoise(zeros(3, 2), 0.5));
        Assert.Equal("z", batch.ParamName);
        Assert.StartsWith("z must have the condition's batch size 4; got 3", batch.Message);
    }

    /// <summary>alpha = 1 and sigma = t: sigma~ = t exactly, so the interval's ends can be hit to the last bit.</summary>
    sealed class IdentitySigma : NoiseSchedule
    {
        public override double Alpha(double t) => 1;
        public override double Sigma(double t) => t;
        public override double TimeOfEdmSigma(double edmSigma) => edmSigma;
    }

    [Fact]
    public void The_interval_is_open_below_and_closed_above()
    {
        // (lo, hi] as in Kynkäänniemi et al.: sigma~ = lo samples the conditional, sigma~ = hi guides.
        var schedule = new IdentitySigma();
        var interval = GuidanceSchedule.Interval(0.25, 0.75);
        var above = Math.BitIncrement(0.75);
        foreach (var (sigma, factor) in new[] { (0.25, 0.0), (Math.BitIncrement(0.25), 1.0), (0.75, 1.0), (above, 0.0) })
            Assert.True(interval.Factor(sigma, schedule) == factor, $"f(sigma~ = {sigma:R}) = {interval.Factor(sigma, schedule)}, expected {factor}");
    }

    [Theory]
    [InlineData(-0.1, 2.0, "lo")]
    [InlineData(1.0, 0.5, "hi")]
    [InlineData(double.NaN, 2.0, "lo")]
    [InlineData(0.5, double.NaN, "hi")]
    public void An_interval_out_of_order_is_refused_naming_its_end(double lo, double hi, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => GuidanceSchedule.Interval(lo, hi));
        Assert.Equal(parameter, e.ParamName);
        if (parameter == "hi") Assert.StartsWith($"hi must be in [lo, inf] = [{lo}, inf]", e.Message);
    }

    [Fact]
    public void An_empty_or_unbounded_interval_is_allowed()
    {
        // (1, 1] is empty: no sigma~ guides; (0, inf] guides everywhere a sampler goes.
        var schedule = new IdentitySigma();
        Assert.Equal(0, GuidanceSchedule.Interval(1, 1).Factor(1, schedule));
        Assert.Equal(1, GuidanceSchedule.Interval(0, double.PositiveInfinity).Factor(1e-9, schedule));
    }

    [Fact]
    public void Linear_and_cosine_schedules_scale_the_guidance_beyond_the_conditional()
    {
        // w(t) = 1 + f(t) (w - 1) with f = 2 (1 - t) and 1 - cos(pi (1 - t)).
        using var scope = NewDisposeScope();
        const double w = 3, t = 0.35;
        var (z, c, u) = Branches(t);
        foreach (var (schedule, f) in new[] { (GuidanceSchedule.Linear, 2 * (1 - t)), (GuidanceSchedule.Cosine, 1 - Math.Cos(Math.PI * (1 - t))) })
            AssertClose(u + (1 + f * (w - 1)) * (c - u), new Cfg(Denoiser, Labels, w) { Schedule = schedule }.Denoise(z, t), $"f = {f:F3}");
    }

    [Fact]
    public void Autoguidance_extrapolates_from_the_guide_towards_the_model_under_the_same_condition()
    {
        // D = D_guide(x|y) + w (D(x|y) - D_guide(x|y)), the guide a second denoiser; both read the same labels.
        using var scope = NewDisposeScope();
        const double w = 2.6, t = 0.47;
        var guide = new ConditionalDenoiser(new ToyModel(seed: 8), new VpLinearSchedule());
        var (z, c, _) = Branches(t);
        var guiding = guide.Denoise(z, t, guide.Encode(Labels));
        TensorAssert.NotClose(c, guiding, "the guide's D against the model's (the check needs them apart)");
        AssertClose(guiding + w * (c - guiding), new Cfg(Denoiser, Labels, w) { Guide = guide }.Denoise(z, t), "Autoguidance");
    }
}
