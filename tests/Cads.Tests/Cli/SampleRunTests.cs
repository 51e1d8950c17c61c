using Cads.Annealing;
using Cads.Cli.Commands;
using Cads.Runs;

namespace Cads.Tests.Cli;

/// <summary>`cads sample`'s flags become its run, without sampling.</summary>
public class SampleRunTests
{
    static GuidedRun RunOf(params string[] args)
    {
        var sample = new SampleCommand();
        var parsed = sample.Parse(args);
        Assert.Empty(parsed.Errors);
        return sample.RunOf(parsed);
    }

    [Fact]
    public void Without_flags_the_run_is_the_commands_baseline_without_CADS()
    {
        Assert.Equal(SampleCommand.Baseline, RunOf());
        Assert.Null(RunOf().Cads);
    }

    [Fact]
    public void Cads_switches_on_the_librarys_default_settings_and_the_knobs_change_them()
    {
        Assert.Equal(new CadsSettings(), RunOf("--cads").Cads);
        Assert.Equal(new CadsSettings(NoiseScale: 0.1) { Branches = CadsBranches.Conditional },
            RunOf("--cads", "--noise-scale", "0.1", "--branches", "conditional").Cads);
    }

    [Fact]
    public void Every_run_flag_sets_its_field()
    {
        var run = RunOf("--guidance", "6.5", "--sampler", "euler", "--steps", "12", "--seed", "7");
        Assert.Equal(SampleCommand.Baseline with { W = 6.5, Sampler = "euler", Steps = 12, Seeds = SampleCommand.Baseline.Seeds with { Seed = 7 } }, run);
        Assert.Equal(0.3, RunOf("--eta", "0.3").Eta);
    }
}
