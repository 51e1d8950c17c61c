using System.CommandLine;
using Cads.Annealing;
using Cads.Noise;
using Cads.Runs;
using Cads.Sampling;

namespace Cads.Cli.Commands;

/// <summary>
/// The flags that describe a guided run, declared once for every verb that samples (`sample`, `eval`), and
/// <see cref="Apply"/>, the one place that turns them into a <see cref="GuidedRun"/>: each flag given replaces its
/// field of the verb's baseline run and the others keep the baseline's, so every verb keeps its own defaults and all
/// share the same limits.
/// </summary>
public sealed class RunFlags
{
    /// <summary>The most sampler steps accepted: far more than any run of these models needs.</summary>
    public const int MaxSteps = 10_000;

    /// <summary>The guidance weights accepted, uncond-based: 0 is the unconditional model, 1 the plain conditional.</summary>
    public static NumberRange WeightRange { get; } = new(0, 100);

    public Option<double> Guidance { get; }
    public Option<bool> CadsSwitch { get; }
    public CadsFlags Cads { get; }
    public Option<string> Sampler { get; }
    public Option<int> Steps { get; }
    public Option<double> Eta { get; }
    public Option<long> Seed { get; }

    /// <summary>Everything one run takes (`cads sample`).</summary>
    public IReadOnlyList<Option> RunOptions => [Guidance, CadsSwitch, .. Cads.All, Sampler, Steps, Eta, Seed];

    /// <summary>
    /// What a sweep may change of its baselines: the sampler, eta and CADS's knobs. The sweep itself sets w and the
    /// seed of each cell, its methods switch CADS on and off, and it takes steps per world.
    /// </summary>
    public IReadOnlyList<Option> SweepOptions => [.. Cads.All, Sampler, Eta];

    /// <param name="baselines">The runs the verb starts from, labelled (by world), for the defaults in the help.</param>
    public RunFlags(IReadOnlyList<(string Label, GuidedRun Baseline)> baselines)
    {
        string Default(Func<GuidedRun, object> field) => Flags.Defaults(baselines, field);
        Guidance = Flags.Number("--guidance", "W", "the guidance weight w (uncond-based: 1 is the plain conditional)", WeightRange)
            .WithDefault(Default(r => r.W));
        CadsSwitch = Flags.Switch("--cads", "switch CADS on; the CADS flags below tune it");
        Cads = new CadsFlags(baselines.Select(b => (b.Label, b.Baseline.Cads ?? new CadsSettings())).ToList());
        Sampler = Flags.Choice("--sampler", "the sampler", SamplerCatalog.Names).WithDefault(Default(r => r.Sampler));
        Steps = StepsOption("--steps", "sampler steps N").WithDefault(Default(r => r.Steps));
        Eta = Flags.Number("--eta", "E", "DDIM's eta: 0 deterministic, 1 as much noise as DDPM", new NumberRange(0, 1))
            .WithDefault(Default(r => r.Eta));
        Seed = Flags.WholeNumber("--seed", "S", "the seed; sample i's noise depends only on (seed, i)", 0L, SeedPolicy.MaxSeed)
            .WithDefault(Default(r => r.Seeds.Seed));
    }

    /// <summary>A sampler-steps option, with the limit every verb shares (a sweep takes one per world).</summary>
    public static Option<int> StepsOption(string name, string description) => Flags.WholeNumber(name, "N", description, 1, MaxSteps);

    /// <summary>The flags given on the command line over <paramref name="baseline"/>, checked as a whole.</summary>
    /// <param name="steps">The option that sets the steps, when not <see cref="Steps"/> (a sweep's per-world one).</param>
    /// <exception cref="UsageException">Flags that contradict each other or the baseline, or a run the library refuses (the message names the setting).</exception>
    public GuidedRun Apply(ParseResult result, GuidedRun baseline, Option<int>? steps = null)
    {
        var switchedOn = result.Given(CadsSwitch);
        if (baseline.Cads is null && !switchedOn && Cads.AnyGiven(result))
            throw new UsageException($"{string.Join(", ", Cads.All.Where(result.Given).Select(o => o.Name))} tune CADS: add --cads to switch it on.");
        var cads = baseline.Cads ?? (switchedOn ? new CadsSettings() : null);
        var run = baseline with
        {
            W = result.ValueOr(Guidance, baseline.W),
            Cads = cads is null ? null : Cads.Apply(result, cads),
            Sampler = result.ValueOr(Sampler, baseline.Sampler),
            Steps = result.ValueOr(steps ?? Steps, baseline.Steps),
            Eta = result.ValueOr(Eta, baseline.Eta),
            Seeds = baseline.Seeds with { Seed = result.ValueOr(Seed, baseline.Seeds.Seed) },
        };
        // The library's own rules (eta on a sampler that ignores it...) are usage errors here, with the help's pointer.
        try { run.Validate(); }
        catch (ArgumentException e) { throw new UsageException(UsageException.MessageOf(e)); }
        return run;
    }
}
