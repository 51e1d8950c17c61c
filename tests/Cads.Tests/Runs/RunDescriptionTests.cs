using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runs;
using Cads.Schedules;
using Cads.TwoD;

namespace Cads.Tests.Runs;

/// <summary>
/// A run's one-line description is what the CLI prints and what an evaluation folder's fingerprint holds: two runs
/// that sample differently must read differently (or a resumed folder would mix them), and each setting must read as
/// its value, while a setting at its default stays out of the line.
/// </summary>
public class RunDescriptionTests
{
    static readonly GuidedRun Baseline = new() { W = 3, Cads = new CadsSettings(), Sampler = "ddpm", Steps = 20 };

    static ConditionalDenoiser Guide() =>
        ExactMixtureModel.NetworkLike(MixturePresets.ThreeClassesManyModes(), new VpCosineSchedule()).ToDenoiser();

    public static TheoryData<string, GuidedRun, string> Changes() => new()
    {
        { "w", Baseline with { W = 7.5 }, "w = 7.5 (" },
        { "convention", Baseline with { Convention = CfgConvention.Paper }, "(paper's convention" },
        { "schedule", Baseline with { WeightSchedule = GuidanceSchedule.Interval(0.28, 5.42) }, "Lo = 0.28, Hi = 5.42" },
        { "guide", Baseline with { Guide = Guide() }, ", guided by a second denoiser (Autoguidance)" },
        { "no CADS", Baseline with { Cads = null }, "; no CADS;" },
        { "tau1", Baseline with { Cads = new CadsSettings(Tau1: 0.3) }, "tau1 = 0.3," },
        { "tau2", Baseline with { Cads = new CadsSettings(Tau2: 0.95) }, "tau2 = 0.95," },
        { "s", Baseline with { Cads = new CadsSettings(NoiseScale: 0.1) }, "s = 0.1," },
        { "psi", Baseline with { Cads = new CadsSettings(Psi: 0.5) }, "psi = 0.5;" },
        { "degree", Baseline with { Cads = new CadsSettings { Degree = 2 } }, ", degree 2;" },
        { "noise kind", Baseline with { Cads = new CadsSettings { NoiseKind = NoiseKind.Uniform } }, ", uniform noise;" },
        { "statistics", Baseline with { Cads = new CadsSettings { Statistics = RescaleStatistics.PerBatch } }, ", per-batch statistics;" },
        { "branches", Baseline with { Cads = new CadsSettings { Branches = CadsBranches.Conditional } }, ", conditional branch only;" },
        { "step fraction", Baseline with { Cads = new CadsSettings { OnStepFraction = true } }, ", on the step fraction;" },
        { "sampler", Baseline with { Sampler = "heun" }, "; heun x 20;" },
        { "steps", Baseline with { Steps = 35 }, "; ddpm x 35;" },
        { "grid", Baseline with { Grid = GridSpacing.Karras }, " x 20 on a karras grid;" },
        { "eta", Baseline with { Sampler = "ddim", Eta = 0.5 }, "ddim x 20, eta 0.5;" },
        { "seed", Baseline.WithSeed(12), "; seed 12, per-sample streams" },
        { "streams", Baseline with { Seeds = new SeedPolicy(0, NoiseStreams.Batched) }, "; seed 0, batched streams" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Each_setting_reads_as_its_value_and_changes_the_line(string setting, GuidedRun changed, string expected)
    {
        var line = changed.ToString();
        Assert.True(line.Contains(expected), $"{setting}: expected \"{expected}\" in \"{line}\"");
        Assert.False(line.Contains(expected) && Baseline.ToString().Contains(expected),
            $"{setting}: the baseline's line \"{Baseline}\" already says \"{expected}\"");
    }

    [Fact]
    public void The_baseline_reads_in_full_and_says_nothing_about_settings_at_their_defaults()
    {
        // The format the CLI prints (README: "cads sample" echoes the run); each part is the run's own setting.
        Assert.Equal(
            "w = 3 (uncond-based); CADS tau1 = 0.6, tau2 = 0.9, s = 0.25, psi = 1; ddpm x 20; seed 0, per-sample streams",
            Baseline.ToString());
    }

    [Fact]
    public void A_run_left_at_its_defaults_is_plain_conditional_ddim_in_50_steps()
    {
        // The documented defaults: w = 1 (the conditional), no CADS, DDIM x 50 on its usual grid, seed 0 per sample.
        Assert.Equal("w = 1 (uncond-based); no CADS; ddim x 50; seed 0, per-sample streams", new GuidedRun().ToString());
    }

    [Fact]
    public void Every_change_gives_a_line_of_its_own()
    {
        var lines = Changes().Select(row => row[1].ToString()!).Append(Baseline.ToString()).ToList();
        var repeated = lines.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count == 0, $"lines shared by two different runs: {string.Join(" | ", repeated)}");
    }
}
