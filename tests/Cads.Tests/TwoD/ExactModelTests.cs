using Cads.Annealing;
using Cads.Evaluation;
using Cads.Runs;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using Cads.TwoD.Measures;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class ExactModelTests(ITestOutputHelper output)
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();
    static readonly NoiseSchedule Schedule = new VpCosineSchedule();

    static Tensor Points(long n, double t, long seed)
    {
        var x = World.Sample(n, seed, ScalarType.Float64).X;
        return Schedule.Alpha(t) * x + Schedule.Sigma(t) * randn([n, 2], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(seed + 1));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void One_hot_gives_the_class_conditional_and_zero_the_unconditional(double t)
    {
        using var scope = NewDisposeScope();
        var model = ExactMixtureModel.NetworkLike(World, Schedule);
        var z = Points(60, t, 3);
        var labels = arange(60, ScalarType.Int64, CadsRuntime.Device).remainder(3);
        var world = World.At(Schedule, t);
        var conditional = model.Denoise(z, t, model.Embed(labels));
        TensorAssert.Close(world.PosteriorMean(z, labels), conditional, atol: 1e-5, rtol: 0, $"t = {t}: one-hot denoiser vs the class posterior mean");
        var unconditional = model.Denoise(z, t, model.NullCondition(60));
        TensorAssert.Close(world.PosteriorMean(z), unconditional, atol: 1e-12, rtol: 0, $"t = {t}: null-condition denoiser vs the posterior mean");
        // The hard limit kappa = inf gives the conditional exactly, and through the Forward a sampler uses.
        var hard = ExactMixtureModel.NetworkLike(World, Schedule, double.PositiveInfinity);
        var forward = hard.Forward(z, full(60, t, ScalarType.Float64), hard.Embed(labels));
        TensorAssert.Close(world.PosteriorMean(z, labels), forward, atol: 1e-12, rtol: 0, $"t = {t}: kappa = inf forward vs the class posterior mean");
    }

    [Fact]
    public void Bayes_smoothed_kappa_follows_gamma_and_s()
    {
        var model = ExactMixtureModel.BayesSmoothed(World, Schedule, new AnnealingSchedule(0.3, 0.6), s: 0.5);
        Assert.Equal(double.PositiveInfinity, model.Kappa(0.2));
        Assert.Equal(0, model.Kappa(0.7));
        Assert.Equal(Math.Sqrt(0.5) / (0.25 * 0.5), model.Kappa(0.45), 10);
        Assert.Equal(double.PositiveInfinity, ExactMixtureModel.SmoothedKappa(0.5, 0));
    }

    [Fact]
    public void The_class_posterior_given_a_condition_is_Bayes_rule_on_the_noised_mixture()
    {
        // p(c|z_t, y) ∝ p(c|z_t) exp(kappa y_c), with p(c|z_t) from the closed-form noised mixture.
        using var scope = NewDisposeScope();
        var smoothed = ExactMixtureModel.BayesSmoothed(World, Schedule, new AnnealingSchedule(0.3, 0.6), s: 0.5);
        var z = Points(8, 0.45, 3);
        var y = randn([8, 3], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(4));
        var kappa = smoothed.Kappa(0.45);
        var unnormalised = World.At(Schedule, 0.45).ClassPosterior(z) * (kappa * y).exp();
        var expected = unnormalised / unnormalised.sum(1, keepdim: true);
        TensorAssert.Close(expected, smoothed.ClassPosterior(z, 0.45, y), atol: 1e-12, rtol: 0, "p(c|z_t, y) vs p(c|z_t) exp(kappa y_c) normalised");
        // The null condition (zeros) carries no evidence: the posterior is p(c|z_t) itself.
        var none = smoothed.ClassPosterior(z, 0.45, smoothed.NullCondition(8).to(ScalarType.Float64));
        TensorAssert.Close(World.At(Schedule, 0.45).ClassPosterior(z), none, atol: 1e-12, rtol: 0, "p(c|z_t, null) vs p(c|z_t)");
    }

    [Fact]
    public void Above_tau2_the_Bayes_smoothed_guided_denoiser_is_the_unconditional_one_exactly()
    {
        using var scope = NewDisposeScope();
        var gamma = new AnnealingSchedule(0.3, 0.6);
        var denoiser = ExactMixtureModel.BayesSmoothed(World, Schedule, gamma, s: 0.5).ToDenoiser();
        var labels = Condition.Classes(0, 1, 2, 0, 1, 2);
        var cads = new CadsSettings(gamma.Tau1, gamma.Tau2, NoiseScale: 0.5, Psi: 0).Transform(NoiseSource.Seeded(5));
        var guided = new Cfg(denoiser, labels, w: 8) { Cads = cads };
        var z = Points(6, 0.8, 4).to(ScalarType.Float32);
        foreach (var t in new[] { 0.6, 0.8, 1.0 })
            TensorAssert.Equal(denoiser.Denoise(z, t, denoiser.Null(6)), guided.Denoise(z, t), $"t = {t}: guided vs unconditional denoiser");
        // Below tau2 the noisy label carries evidence again: guidance is back.
        TensorAssert.NotClose(guided.Denoise(z, 0.45), denoiser.Denoise(z, 0.45, denoiser.Null(6)), "t = 0.45: guided vs unconditional denoiser", atol: 1e-3);
    }

    [Fact]
    public void Conditional_sampling_at_w_1_matches_the_class_conditional()
    {
        using var scope = NewDisposeScope();
        const int perClass = 1000;
        var denoiser = ExactMixtureModel.NetworkLike(World, Schedule).ToDenoiser();
        var classes = Condition.PerClass(3, perClass);
        var run = new GuidedRun { W = 1, Sampler = "heun", Grid = GridSpacing.Uniform, Steps = 40, Seeds = new SeedPolicy(21, NoiseStreams.Batched) };
        var (x, labels) = (run.Sample(denoiser, classes), classes.Labels!);
        for (var c = 0; c < 3; c++)
        {
            var mine = x.index_select(0, labels.eq(c).nonzero().squeeze(1));
            // The floor: two independent exact samples of the same size are this far apart by chance alone.
            var floor = SlicedWasserstein.Distance(World.Sample(c, perClass, 30 + c), World.Sample(c, perClass, 40 + c));
            var distance = SlicedWasserstein.Distance(mine, World.Sample(c, perClass, 30 + c));
            output.WriteLine($"class {c}: SW2 sampled {distance:F4}, exact-vs-exact floor {floor:F4}");
            Assert.True(distance < 2 * floor, $"class {c}: SW2 {distance:F4} >= 2 x floor {floor:F4}");
        }
    }

    /// <summary>
    /// The 2-D world's baseline (<see cref="TwoDEvaluation.Baseline"/>: VP cosine, DDPM 100 steps, 200 samples per
    /// class, uncond-based w = 8, CADS tau1 = 0.3, tau2 = 0.6, s = 0.5): CFG covers fewer than half of the modes of a
    /// class, CADS nearly all with high precision, for the network-like exact model (psi = 1, both branches) and the
    /// Bayes-smoothed one (psi = 0, the conditional branch only: it would read a noised null as evidence).
    /// </summary>
    [Fact]
    public void At_w_8_CFG_loses_minor_modes_and_CADS_recovers_them_with_high_precision()
    {
        using var scope = NewDisposeScope();
        var baseline = TwoDEvaluation.Baseline;
        var cadsSettings = baseline.Cads!;
        using var networkLike = new TwoDEvaluation();
        using var cfg = networkLike.Evaluate(baseline with { Cads = null });
        output.WriteLine($"CFG: coverage {cfg.Metrics["coverage"]:F2}, precision {cfg.Metrics["precision"]:F2}, recall {cfg.Metrics["recall"]:F2}");
        Assert.True(cfg.Metrics["coverage"] < 0.5, $"CFG coverage {cfg.Metrics["coverage"]:F2}");

        var bayes = ExactMixtureModel.BayesSmoothed(World, Schedule, cadsSettings.Gamma, cadsSettings.NoiseScale).ToDenoiser();
        using var bayesWorld = new TwoDEvaluation(denoiser: bayes);
        var runs = new (string Name, TwoDEvaluation Evaluation, GuidedRun Run)[]
        {
            ("network-like", networkLike, baseline),
            ("Bayes-smoothed", bayesWorld, baseline with { Cads = cadsSettings with { Psi = 0, Branches = CadsBranches.Conditional } }),
        };
        foreach (var (name, evaluation, run) in runs)
        {
            using var m = evaluation.Evaluate(run);
            var (coverage, precision) = (m.Metrics["coverage"], m.Metrics["precision"]);
            output.WriteLine($"CADS {name}: coverage {coverage:F2}, precision {precision:F2}, recall {m.Metrics["recall"]:F2}");
            Assert.True(coverage >= 0.9 && precision >= 0.9, $"CADS {name}: coverage {coverage:F2}, precision {precision:F2}");
        }
    }
}
