using Cads.Annealing;
using Cads.Denoisers;
using Cads.Evaluation;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runs;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using Cads.TwoD.Learned;
using static TorchSharp.torch;

namespace Cads.Tests.Runs;

public class GuidedRunTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();
    static readonly GuidedRun Small = TwoDEvaluation.Baseline with { Steps = 10 };

    static ConditionalDenoiser Exact() => ExactMixtureModel.NetworkLike(World, new VpCosineSchedule()).ToDenoiser();

    [Fact]
    public void The_same_run_gives_the_same_samples_class_major_with_a_callback_per_step()
    {
        using var scope = NewDisposeScope();
        var classes = Condition.PerClass(3, 50);
        var steps = 0;
        var x = Small.Sample(Exact(), classes, (_, _, _, _) => steps++);
        var again = Small.Sample(Exact(), classes);
        Assert.Equal(Small.Steps, steps);
        Assert.Equal([150L, 2L], x.shape);
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(c => Enumerable.Repeat((long)c, 50)), classes.Labels!.cpu().data<long>().ToArray());
        TensorAssert.Equal(x, again, "two runs at seed 0");
        TensorAssert.NotClose(x, Small.WithSeed(1).Sample(Exact(), classes), "runs at seeds 0 and 1", atol: 0, rtol: 0);
    }

    /// <summary>
    /// DDPM's per-step noise, recovered from two runs' states: z_{i+1} = mean(z_i, D_i) + std_i n_i (the posterior of
    /// the DDPM step, written out here), so n_i = (z_{i+1} - mean) / std. CFG and CADS at one seed must start from the
    /// same z_0 and draw the same n_i, although their states differ: CADS's draws move no other stream.
    /// </summary>
    [Fact]
    public void Turning_CADS_on_changes_neither_the_starting_noise_nor_the_samplers_noise()
    {
        using var scope = NewDisposeScope();
        var denoiser = Exact();
        var classes = Condition.PerClass(3, 20);
        var grid = Small.TimeGrid(denoiser.Schedule);

        List<Tensor> SamplerNoise(GuidedRun run, out Tensor z0)
        {
            var trajectory = new Trajectory();
            var x = run.Sample(denoiser, classes, trajectory.Record);
            var states = trajectory.Steps.Select(s => (Z: s.Z, D: s.Denoised)).Append((Z: x, D: x)).ToList();
            z0 = states[0].Z;
            var noise = new List<Tensor>();
            for (var i = 0; i + 1 < grid.Steps; i++)
            {
                double aT = grid.Alpha(i), sT = grid.Sigma(i), aS = grid.Alpha(i + 1), sS = grid.Sigma(i + 1);
                var aTs = aT / aS;
                var sTs2 = sT * sT - aTs * aTs * sS * sS;
                var mean = aTs * sS * sS / (sT * sT) * states[i].Z + aS * sTs2 / (sT * sT) * states[i].D;
                noise.Add((states[i + 1].Z - mean) / (Math.Sqrt(sTs2) * sS / sT));
            }
            return noise;
        }

        var cfgNoise = SamplerNoise(Small with { Cads = null }, out var cfgStart);
        var cadsNoise = SamplerNoise(Small, out var cadsStart);
        TensorAssert.Equal(cfgStart, cadsStart, "the starting noise with CADS off vs on");
        for (var i = 0; i < cfgNoise.Count; i++)
            TensorAssert.Close(cfgNoise[i], cadsNoise[i], atol: 1e-3, rtol: 0, $"step {i}: the sampler's noise with CADS off vs on");
        // The runs themselves differ: CADS did change the condition.
        TensorAssert.NotClose(Small.Sample(denoiser, classes), (Small with { Cads = null }).Sample(denoiser, classes), "samples with CADS on vs off", atol: 0, rtol: 0);
    }

    [Fact]
    public void Every_CADS_knob_and_the_grid_reach_the_run()
    {
        using var scope = NewDisposeScope();
        var denoiser = Exact();
        var classes = Condition.PerClass(3, 12);
        var cads = Small.Cads!;
        var baseline = Small.Sample(denoiser, classes);
        foreach (var changed in new[]
        {
            cads with { Tau1 = 0.2 }, cads with { Tau2 = 0.7 }, cads with { NoiseScale = 0.1 }, cads with { Psi = 0.5 },
            cads with { Degree = 2 }, cads with { NoiseKind = NoiseKind.Laplace }, cads with { Statistics = RescaleStatistics.PerBatch },
            cads with { OnStepFraction = true, Tau2 = 0.7 },
        })
            TensorAssert.NotClose(baseline, (Small with { Cads = changed }).Sample(denoiser, classes), $"the baseline's samples vs those with {changed}", atol: 0, rtol: 0);
        // DDPM's usual grid is the uniform one; Euler's is Karras', so asking for the uniform grid moves its samples.
        TensorAssert.Equal(baseline, (Small with { Grid = GridSpacing.Uniform }).Sample(denoiser, classes), "DDPM on its usual grid vs on the uniform grid asked for");
        var euler = Small with { Sampler = "euler" };
        TensorAssert.NotClose(euler.Sample(denoiser, classes), (euler with { Grid = GridSpacing.Uniform }).Sample(denoiser, classes), "Euler on its usual (Karras) grid vs on the uniform one", atol: 0, rtol: 0);
    }

    [Fact]
    public void A_guide_equal_to_the_model_is_plain_conditional_sampling_at_any_w()
    {
        // Autoguidance: D = D_guide(x|y) + w (D(x|y) - D_guide(x|y)); with D_guide = D the bracket is exactly zero.
        using var scope = NewDisposeScope();
        var denoiser = Exact();
        var classes = Condition.PerClass(3, 10);
        var deterministic = Small with { Sampler = "ddim", Cads = null };
        var conditional = (deterministic with { W = 1 }).Sample(denoiser, classes);
        var guided = (deterministic with { W = 6, Guide = Exact() }).Sample(denoiser, classes);
        TensorAssert.Equal(conditional, guided, "w = 1 vs w = 6 guided by the model itself");
        TensorAssert.NotClose(conditional, (deterministic with { W = 6 }).Sample(denoiser, classes), "w = 1 vs w = 6 with CFG", atol: 0, rtol: 0);
    }

    [Fact]
    public void Methods_are_changes_of_the_baseline()
    {
        var baseline = TwoDEvaluation.Baseline;
        Assert.Equal(baseline with { W = 1, Cads = null }, GuidanceMethod.Conditional.Apply(baseline, 8));
        Assert.Equal(baseline with { W = 5, Cads = null }, GuidanceMethod.Cfg.Apply(baseline, 5));
        Assert.Equal(baseline with { W = 5 }, GuidanceMethod.Cads.Apply(baseline, 5));
        // Dynamic CFG: w(t) = 1 + gamma(t) (w - 1), gamma written out here: 1 below tau1, 0 above tau2, linear between.
        var dynamic = GuidanceMethod.DynamicCfg.Apply(baseline, 5);
        Assert.Null(dynamic.Cads);
        var (tau1, tau2) = (baseline.Cads!.Tau1, baseline.Cads.Tau2);
        foreach (var t in new[] { 0.1, tau1, 0.4, 0.5, tau2, 0.9 })
        {
            var gamma = t <= tau1 ? 1 : t >= tau2 ? 0 : (tau2 - t) / (tau2 - tau1);
            Assert.Equal(1 + gamma * 4, dynamic.WeightAt(t, new VpCosineSchedule()), 12);
        }
        // The interval: w inside (0.28, 5.42] of sigma~, the conditional (w = 1) outside.
        var interval = GuidanceMethod.Interval.Apply(baseline, 5);
        var schedule = new VpCosineSchedule();
        Assert.Equal(5, interval.WeightAt(schedule.TimeOfEdmSigma(1.0), schedule));
        Assert.Equal(1, interval.WeightAt(schedule.TimeOfEdmSigma(10.0), schedule));
        Assert.Throws<ArgumentException>(() => GuidanceMethod.Cads.Apply(baseline with { Cads = null }, 5));
    }

    [Fact]
    public void Weight_schedulers_and_Autoguidance_are_changes_of_the_baseline_too()
    {
        var baseline = TwoDEvaluation.Baseline;
        var schedule = new VpCosineSchedule();
        // Linear and cosine (Wang et al. 2024), written out: w(t) = 1 + f(t) (w - 1), f = 2 (1 - t) or 1 - cos(pi (1 - t)).
        var linear = GuidanceMethod.LinearCfg.Apply(baseline, 5);
        var cosine = GuidanceMethod.CosineCfg.Apply(baseline, 5);
        Assert.Equal((5.0, (CadsSettings?)null, (ConditionalDenoiser?)null), (linear.W, linear.Cads, linear.Guide));
        Assert.Null(cosine.Cads);
        foreach (var t in new[] { 0.0, 0.13, 0.5, 0.77, 1.0 })
        {
            Assert.Equal(1 + 2 * (1 - t) * 4, linear.WeightAt(t, schedule), 12);
            Assert.Equal(1 + (1 - Math.Cos(Math.PI * (1 - t))) * 4, cosine.WeightAt(t, schedule), 12);
        }
        var guide = Exact();
        Assert.Equal(baseline with { W = 5, Cads = null, Guide = guide }, GuidanceMethod.Autoguidance.Apply(baseline, 5, guide: guide));
        Assert.Equal(baseline with { W = 5, Guide = guide }, GuidanceMethod.AutoguidanceCads.Apply(baseline, 5, guide: guide));
        foreach (var method in new[] { GuidanceMethod.Autoguidance, GuidanceMethod.AutoguidanceCads })
        {
            Assert.True(method.NeedsGuide());
            var e = Assert.Throws<ArgumentException>(() => method.Apply(baseline, 5));
            Assert.Equal("guide", e.ParamName);
            Assert.Contains(method.Name(), e.Message);
        }
        Assert.DoesNotContain(GuidanceMethods.All.Where(m => m is not (GuidanceMethod.Autoguidance or GuidanceMethod.AutoguidanceCads)), m => m.NeedsGuide());
        // A guide given to a method that does not use it is left out of the run.
        Assert.Null(GuidanceMethod.Cfg.Apply(baseline, 5, guide: guide).Guide);
    }

    [Fact]
    public void Every_method_name_parses_back_to_its_method()
    {
        Assert.Equal(GuidanceMethods.All, GuidanceMethods.All.Select(m => GuidanceMethods.Parse(m.Name())));
        Assert.Equal(["linear-cfg", "cosine-cfg", "autoguidance", "autoguidance+cads"],
            new[] { GuidanceMethod.LinearCfg, GuidanceMethod.CosineCfg, GuidanceMethod.Autoguidance, GuidanceMethod.AutoguidanceCads }.Select(m => m.Name()));
        var e = Assert.Throws<ArgumentException>(() => GuidanceMethods.Parse("auto"));
        Assert.Contains("autoguidance+cads", e.Message);
    }

    [Theory]
    [InlineData("steps", 0, "steps must be >= 1")]
    [InlineData("sampler", 0, "sampler must be one of ddpm, ddim, euler, heun, dpmpp2m")]
    [InlineData("w", 0, "w must be")]
    [InlineData("tau1", 0, "tau1 must be in [0, tau2]")]
    [InlineData("psi", 0, "psi must be in [0, 1]")]
    [InlineData("seed", 0, "seed must be in [0, ")]
    [InlineData("eta", 0, "eta is read by ddim only; sampler ddpm ignores it")]
    public void A_bad_setting_is_refused_before_sampling_naming_it(string field, int _, string expected)
    {
        var run = field switch
        {
            "steps" => Small with { Steps = 0 },
            "sampler" => Small with { Sampler = "magic" },
            "w" => Small with { W = double.NaN },
            "tau1" => Small with { Cads = Small.Cads! with { Tau1 = 0.7 } },
            "psi" => Small with { Cads = Small.Cads! with { Psi = 2 } },
            "eta" => Small with { Eta = 0.5 },
            _ => Small.WithSeed(-3),
        };
        var e = Assert.Throws<ArgumentException>(() => run.Sample(Exact(), Condition.PerClass(3, 2)));
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("w", "w")]
    [InlineData("steps", "steps")]
    [InlineData("negative eta", "eta")]
    [InlineData("eta on ddpm", "eta")]
    [InlineData("tau2", "tau2")]
    [InlineData("s", "noiseScale s")]
    [InlineData("psi", "psi")]
    [InlineData("seed", "seed")]
    public void Validate_names_the_setting_out_of_range(string setting, string parameter)
    {
        var run = setting switch
        {
            "w" => Small with { W = double.PositiveInfinity },
            "steps" => Small with { Steps = 0 },
            "negative eta" => Small with { Sampler = "ddim", Eta = -0.1 },
            "eta on ddpm" => Small with { Eta = 0.5 },
            "tau2" => Small with { Cads = Small.Cads! with { Tau2 = 1.5 } },
            "s" => Small with { Cads = Small.Cads! with { NoiseScale = -0.1 } },
            "psi" => Small with { Cads = Small.Cads! with { Psi = -0.5 } },
            _ => Small.WithSeed(SeedPolicy.MaxSeed + 1),
        };
        var e = Assert.Throws<ArgumentException>(run.Validate);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Validate_accepts_every_setting_at_the_edge_of_its_range()
    {
        var edge = Small with
        {
            Sampler = "ddim", Eta = 0, Steps = 1, Cads = new CadsSettings(0.4, 0.4, 0, 0),
            Seeds = new SeedPolicy(SeedPolicy.MaxSeed),
        };
        edge.Validate();
        (edge with { Eta = 1, Cads = new CadsSettings(0, 1, 5, 1), Seeds = new SeedPolicy(0) }).Validate();
    }

    [Fact]
    public void Another_denoiser_of_the_world_meets_the_same_reference()
    {
        var mlp = new ConditionalDenoiser(MixtureMlp.LoadShipped(), MlpTraining.Schedule);
        using var learned = new TwoDEvaluation(12, mlp);
        using var exact = new TwoDEvaluation(12);
        using var a = learned.Evaluate(Small);
        using var b = exact.Evaluate(Small);
        TensorAssert.NotClose(a.Features, b.Features, "the learned vs the exact denoiser's samples", atol: 0, rtol: 0);
        TensorAssert.Equal(learned.Reference, exact.Reference, "the learned vs the exact evaluation's reference");
    }
}
