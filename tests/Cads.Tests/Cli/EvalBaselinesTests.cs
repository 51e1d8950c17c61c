using Cads.Annealing;
using Cads.Cli.Commands;
using Cads.Evaluation;
using Cads.Guidance;
using Cads.Noise;

namespace Cads.Tests.Cli;

/// <summary>`cads eval`'s flags reach the runs of the world they are given for, without running a sweep.</summary>
public class EvalBaselinesTests
{
    // Every CADS flag, each away from both worlds' baseline values.
    static readonly string[] CadsFlags =
    [
        "--tau1", "0.2", "--tau2", "0.7", "--noise-scale", "0.1", "--psi", "0.4", "--degree", "2",
        "--noise-kind", "laplace", "--statistics", "per-batch", "--branches", "conditional", "--on-step-fraction",
    ];

    static readonly CadsSettings Expected = new(Tau1: 0.2, Tau2: 0.7, NoiseScale: 0.1, Psi: 0.4)
    {
        Degree = 2,
        NoiseKind = NoiseKind.Laplace,
        Statistics = RescaleStatistics.PerBatch,
        Branches = CadsBranches.Conditional,
        OnStepFraction = true,
    };

    static (Cads.Runs.GuidedRun? Images, Cads.Runs.GuidedRun? TwoD) Baselines(params string[] args)
    {
        var eval = new EvalCommand();
        var parsed = eval.Parse(args);
        Assert.Empty(parsed.Errors);
        return eval.Baselines(parsed);
    }

    [Fact]
    public void The_2d_world_honours_every_CADS_flag()
    {
        var (images, twoD) = Baselines(["--world", "2d", .. CadsFlags]);
        Assert.Null(images);
        Assert.Equal(Expected, twoD!.Cads);
        // Only CADS changed: w, sampler, steps and the batched seeds stay the 2-D baseline's.
        Assert.Equal(TwoDEvaluation.Baseline with { Cads = Expected }, twoD);
        // And the sweep's cads cell runs with them; Dynamic CFG reads their gamma.
        Assert.Equal(Expected, GuidanceMethod.Cads.Apply(twoD, 8).Cads);
        Assert.Equal(GuidanceSchedule.Dynamic(Expected.Gamma), GuidanceMethod.DynamicCfg.Apply(twoD, 8).WeightSchedule);
    }

    [Fact]
    public void Both_worlds_take_the_same_flags_over_their_own_baselines()
    {
        var (images, twoD) = Baselines(["--noise-scale", "0.1", "--sampler", "ddim", "--eta", "0.5"]);
        Assert.Equal(ImageEvaluation.Baseline with
        {
            Cads = ImageEvaluation.Baseline.Cads! with { NoiseScale = 0.1 }, Sampler = "ddim", Eta = 0.5,
        }, images);
        Assert.Equal(TwoDEvaluation.Baseline with
        {
            Cads = TwoDEvaluation.Baseline.Cads! with { NoiseScale = 0.1 }, Sampler = "ddim", Eta = 0.5,
        }, twoD);
    }

    [Theory]
    [InlineData("quick", 25, 100)]
    [InlineData("large", 50, 200)]
    public void Without_flags_each_world_runs_its_library_baseline_with_the_steps_of_its_size(string size, int imageSteps, int twoDSteps)
    {
        var (images, twoD) = Baselines("--size", size);
        Assert.Equal(ImageEvaluation.Baseline with { Steps = imageSteps }, images);
        Assert.Equal(TwoDEvaluation.Baseline with { Steps = twoDSteps }, twoD);
        Assert.Equal(NoiseStreams.Batched, twoD!.Seeds.Streams);
    }

    [Fact]
    public void Each_world_takes_its_own_steps()
    {
        var (images, twoD) = Baselines("--steps", "7", "--steps-2d", "9");
        Assert.Equal(7, images!.Steps);
        Assert.Equal(9, twoD!.Steps);
    }
}
