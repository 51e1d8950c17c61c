using System.CommandLine;
using Cads.Annealing;
using Cads.Noise;

namespace Cads.Cli.Commands;

/// <summary>
/// CADS's knobs as flags, one per field of <see cref="CadsSettings"/>, with the library's limits: tau1 and tau2 in
/// [0, 1] with tau1 &lt;= tau2, the noise scale s &gt;= 0, psi in [0, 1], the degree d &gt; 0. A flag that is given
/// replaces its field of a baseline's settings; the others keep the baseline's.
/// </summary>
public sealed class CadsFlags
{
    public Option<double> Tau1 { get; }
    public Option<double> Tau2 { get; }
    public Option<double> NoiseScale { get; }
    public Option<double> Psi { get; }
    public Option<double> Degree { get; }
    public Option<NoiseKind> NoiseKind { get; }
    public Option<RescaleStatistics> Statistics { get; }
    public Option<CadsBranches> Branches { get; }
    public Option<bool> OnStepFraction { get; }

    /// <summary>Every knob, in the order the help lists them.</summary>
    public IReadOnlyList<Option> All { get; }

    /// <param name="baselines">The settings the verb starts from, labelled (by world), for the defaults in the help.</param>
    public CadsFlags(IReadOnlyList<(string Label, CadsSettings Baseline)> baselines)
    {
        string Default(Func<CadsSettings, object> field) => Flags.Defaults(baselines, field);
        var unit = new NumberRange(0, 1);
        Tau1 = Flags.Number("--tau1", "T1", "CADS: below tau1 the condition is exact (gamma = 1); at most tau2", unit)
            .WithDefault(Default(c => c.Tau1));
        Tau2 = Flags.Number("--tau2", "T2", "CADS: above tau2 the condition is noise alone (gamma = 0)", unit)
            .WithDefault(Default(c => c.Tau2));
        NoiseScale = Flags.Number("--noise-scale", "S", "CADS: the noise scale s", new NumberRange(0))
            .WithDefault(Default(c => c.NoiseScale));
        Psi = Flags.Number("--psi", "P", "CADS: the rescale's mixing factor psi (1 rescales fully, 0 not at all)", unit)
            .WithDefault(Default(c => c.Psi));
        Degree = Flags.Number("--degree", "D", "CADS: the degree d of gamma's ramp (1 linear, the paper's)", new NumberRange(0, MinExclusive: true))
            .WithDefault(Default(c => c.Degree));
        NoiseKind = Flags.Choice<NoiseKind>("--noise-kind", "CADS: the distribution of the noise n (unit std)")
            .WithDefault(Default(c => Flags.Kebab(c.NoiseKind)));
        Statistics = Flags.Choice<RescaleStatistics>("--statistics", "CADS: over which elements the rescale takes mean and std")
            .WithDefault(Default(c => Flags.Kebab(c.Statistics)));
        Branches = Flags.Choice<CadsBranches>("--branches", "CADS: which CFG branches see the noisy condition")
            .WithDefault(Default(c => Flags.Kebab(c.Branches)));
        OnStepFraction = Flags.Switch("--on-step-fraction",
            "CADS: read gamma on the step fraction of the grid (sd-webui-cads's clock), not on the sampler's time t");
        All = [Tau1, Tau2, NoiseScale, Psi, Degree, NoiseKind, Statistics, Branches, OnStepFraction];
    }

    /// <summary>Whether any knob was given.</summary>
    public bool AnyGiven(ParseResult result) => All.Any(result.Given);

    /// <summary>The knobs given on the command line over <paramref name="baseline"/>.</summary>
    /// <exception cref="UsageException">tau1 ends up above tau2.</exception>
    public CadsSettings Apply(ParseResult result, CadsSettings baseline)
    {
        var settings = new CadsSettings(result.ValueOr(Tau1, baseline.Tau1), result.ValueOr(Tau2, baseline.Tau2),
            result.ValueOr(NoiseScale, baseline.NoiseScale), result.ValueOr(Psi, baseline.Psi))
        {
            Degree = result.ValueOr(Degree, baseline.Degree),
            NoiseKind = result.ValueOr(NoiseKind, baseline.NoiseKind),
            Statistics = result.ValueOr(Statistics, baseline.Statistics),
            Branches = result.ValueOr(Branches, baseline.Branches),
            OnStepFraction = result.ValueOr(OnStepFraction, baseline.OnStepFraction),
        };
        // The one limit that joins two knobs; named with the flags, since one of the two may be the baseline's.
        if (settings.Tau1 > settings.Tau2)
            throw new UsageException($"--tau1 must be <= --tau2; got tau1 = {NumberRange.Format(settings.Tau1)}, tau2 = {NumberRange.Format(settings.Tau2)}.");
        return settings;
    }
}
