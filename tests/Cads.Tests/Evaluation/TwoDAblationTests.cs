using Cads.Evaluation;
using Cads.Noise;
using Cads.TwoD.Learned;
using Cads.Denoisers;
using static TorchSharp.torch;

namespace Cads.Tests.Evaluation;

public class TwoDAblationTests
{
    static readonly TwoDEvaluationSettings Small = new() { PerClass = 12, Steps = 20 };

    [Fact]
    public void The_ablation_overload_reproduces_the_method_cells_at_one_seed()
    {
        using var evaluation = new TwoDEvaluation(Small);
        using var cfg = evaluation.Evaluate(GuidanceMethod.Cfg, 8, seed: 3);
        using var cfgAgain = evaluation.Evaluate(8, null, "ddpm", seed: 3);
        Assert.True(cfg.Features.equal(cfgAgain.Features).all().item<bool>());

        using var cads = evaluation.Evaluate(GuidanceMethod.Cads, 8, seed: 3);
        using var cadsAgain = evaluation.Evaluate(8, noise => Small.Cads.Transform(noise), "ddpm", seed: 3);
        Assert.True(cads.Features.equal(cadsAgain.Features).all().item<bool>());
        Assert.False(cads.Features.equal(cfg.Features).all().item<bool>());
        Assert.Equal(cads.Metrics["coverage"], cadsAgain.Metrics["coverage"]);
    }

    [Fact]
    public void Transform_options_and_samplers_reach_the_run()
    {
        using var evaluation = new TwoDEvaluation(Small);
        using var gaussian = evaluation.Evaluate(8, noise => Small.Cads.Transform(noise), "ddpm", seed: 1);
        using var laplace = evaluation.Evaluate(8, noise => new Cads.Annealing.CadsTransform(new(0.3, 0.6), 0.5) { Noise = noise, NoiseKind = NoiseKind.Laplace }, "ddpm", seed: 1);
        Assert.False(gaussian.Features.equal(laplace.Features).all().item<bool>());
        foreach (var sampler in Cads.Sampling.SamplerCatalog.Names)
        {
            using var outcome = evaluation.Evaluate(8, null, sampler, seed: 1);
            Assert.True(outcome.Features.isfinite().all().item<bool>(), sampler);
            Assert.InRange(outcome.Metrics["coverage"], 0, 1);
        }
        Assert.Throws<ArgumentException>(() => evaluation.Evaluate(8, null, "magic", seed: 1));
    }

    [Fact]
    public void A_sampler_runs_on_the_grid_it_is_given()
    {
        using var evaluation = new TwoDEvaluation(Small);
        var uniform = Cads.Schedules.TimeGrid.Uniform(evaluation.Schedule, Small.Steps);
        // DDPM's own grid is the uniform one: passing it changes nothing.
        using var ddpm = evaluation.Evaluate(8, null, "ddpm", seed: 4);
        using var ddpmUniform = evaluation.Evaluate(8, null, "ddpm", seed: 4, grid: uniform);
        Assert.True(ddpm.Features.equal(ddpmUniform.Features).all().item<bool>());
        // Euler's own grid is Karras': the uniform grid moves its samples.
        using var euler = evaluation.Evaluate(8, null, "euler", seed: 4);
        using var eulerUniform = evaluation.Evaluate(8, null, "euler", seed: 4, grid: uniform);
        Assert.False(euler.Features.equal(eulerUniform.Features).all().item<bool>());
        Assert.Throws<ArgumentException>(() => evaluation.Evaluate(8, null, "euler", seed: 4,
            grid: Cads.Schedules.TimeGrid.Uniform(new Cads.Schedules.VpLinearSchedule(), Small.Steps)));
    }

    [Fact]
    public void Another_denoiser_of_the_world_can_be_evaluated()
    {
        var mlp = new ConditionalDenoiser(MixtureMlp.LoadShipped(), MlpTraining.Schedule);
        using var evaluation = new TwoDEvaluation(Small, mlp);
        using var exact = new TwoDEvaluation(Small);
        using var learned = evaluation.Evaluate(8, null, "ddpm", seed: 2);
        using var reference = exact.Evaluate(8, null, "ddpm", seed: 2);
        Assert.False(learned.Features.equal(reference.Features).all().item<bool>());
        Assert.True(evaluation.Reference.equal(exact.Reference).all().item<bool>());
    }
}
