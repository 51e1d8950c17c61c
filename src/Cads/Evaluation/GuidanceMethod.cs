using Cads.Denoisers;
using Cads.Guidance;
using Cads.Runs;

namespace Cads.Evaluation;

/// <summary>
/// The sampling methods the evaluation compares: the CADS paper's tables, guidance interval, the CFG weight
/// schedulers of Wang et al. 2024 and Autoguidance (Karras et al. 2024), alone and with CADS.
/// </summary>
public enum GuidanceMethod
{
    /// <summary>No guidance: the plain conditional D(x|y), uncond-based w = 1, whatever weight the sweep names.</summary>
    Conditional,
    /// <summary>CFG at constant w.</summary>
    Cfg,
    /// <summary>Dynamic CFG, the paper's baseline: w(t) = 1 + gamma(t) (w - 1) with CADS's own gamma.</summary>
    DynamicCfg,
    /// <summary>CADS: CFG at constant w with the annealed noisy condition.</summary>
    Cads,
    /// <summary>CADS combined with Dynamic CFG (same gamma).</summary>
    CadsDynamicCfg,
    /// <summary>Guidance interval (Kynkäänniemi et al. 2024): CFG for sigma~ in (lo, hi], conditional elsewhere.</summary>
    Interval,
    /// <summary>CFG with a weight increasing linearly as t falls, mean w over the run (<see cref="GuidanceSchedule.Linear"/>).</summary>
    LinearCfg,
    /// <summary>CFG with a weight increasing along a cosine as t falls, mean w over the run (<see cref="GuidanceSchedule.Cosine"/>).</summary>
    CosineCfg,
    /// <summary>Autoguidance: a weaker model of the same data, under the same condition, in the unconditional branch's place.</summary>
    Autoguidance,
    /// <summary>Autoguidance with CADS's annealed noisy condition in both models.</summary>
    AutoguidanceCads,
}

/// <summary>Names and setups of <see cref="GuidanceMethod"/>.</summary>
public static class GuidanceMethods
{
    /// <summary>All methods, in table order.</summary>
    public static IReadOnlyList<GuidanceMethod> All { get; } = Enum.GetValues<GuidanceMethod>();

    /// <summary>
    /// The name in results and on the command line: conditional, cfg, dynamic-cfg, cads, cads+dynamic-cfg, interval,
    /// linear-cfg, cosine-cfg, autoguidance, autoguidance+cads.
    /// </summary>
    public static string Name(this GuidanceMethod method) => method switch
    {
        GuidanceMethod.Conditional => "conditional",
        GuidanceMethod.Cfg => "cfg",
        GuidanceMethod.DynamicCfg => "dynamic-cfg",
        GuidanceMethod.Cads => "cads",
        GuidanceMethod.CadsDynamicCfg => "cads+dynamic-cfg",
        GuidanceMethod.Interval => "interval",
        GuidanceMethod.LinearCfg => "linear-cfg",
        GuidanceMethod.CosineCfg => "cosine-cfg",
        GuidanceMethod.Autoguidance => "autoguidance",
        GuidanceMethod.AutoguidanceCads => "autoguidance+cads",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The method called <paramref name="name"/> (see <see cref="Name"/>).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static GuidanceMethod Parse(string name)
    {
        var key = name.Trim().ToLowerInvariant();
        foreach (var method in All)
            if (method.Name() == key) return method;
        throw new ArgumentException($"method must be one of {string.Join(", ", All.Select(Name))}; got '{name}'", nameof(name));
    }

    /// <summary>The guidance interval in sigma~ = sigma / alpha, EDM2's choice (Kynkäänniemi et al. 2024): (0.28, 5.42].</summary>
    public static (double Lo, double Hi) DefaultInterval { get; } = (0.28, 5.42);

    /// <summary>Whether the method needs a guide model (Autoguidance).</summary>
    public static bool NeedsGuide(this GuidanceMethod method) => method is GuidanceMethod.Autoguidance or GuidanceMethod.AutoguidanceCads;

    /// <summary>
    /// <paramref name="method"/> at weight <paramref name="w"/> as a change of <paramref name="baseline"/>: its sampler,
    /// steps and seeds stay; CADS's settings come from the baseline, and Dynamic CFG reads their gamma (tau1, tau2,
    /// degree), as the paper's baseline does. The conditional method runs at w = 1, whatever <paramref name="w"/>.
    /// Autoguidance guides with <paramref name="guide"/> at the same w.
    /// </summary>
    /// <exception cref="ArgumentException">The baseline has no CADS settings, or an Autoguidance method has no guide.</exception>
    public static GuidedRun Apply(this GuidanceMethod method, GuidedRun baseline, double w, (double Lo, double Hi)? interval = null,
        ConditionalDenoiser? guide = null)
    {
        var cads = baseline.Cads ?? throw new ArgumentException(
            "baseline must carry CADS settings: cads and dynamic-cfg take their gamma from them", nameof(baseline));
        if (method.NeedsGuide() && guide is null)
            throw new ArgumentException($"guide must be a weaker denoiser of the same data for {method.Name()}; got none", nameof(guide));
        var cfg = baseline with { W = w, Cads = null, WeightSchedule = GuidanceSchedule.Constant, Guide = null };
        var dynamic = GuidanceSchedule.Dynamic(cads.Gamma);
        var (lo, hi) = interval ?? DefaultInterval;
        return method switch
        {
            GuidanceMethod.Conditional => cfg with { W = 1 },
            GuidanceMethod.Cfg => cfg,
            GuidanceMethod.DynamicCfg => cfg with { WeightSchedule = dynamic },
            GuidanceMethod.Cads => cfg with { Cads = cads },
            GuidanceMethod.CadsDynamicCfg => cfg with { Cads = cads, WeightSchedule = dynamic },
            GuidanceMethod.Interval => cfg with { WeightSchedule = GuidanceSchedule.Interval(lo, hi) },
            GuidanceMethod.LinearCfg => cfg with { WeightSchedule = GuidanceSchedule.Linear },
            GuidanceMethod.CosineCfg => cfg with { WeightSchedule = GuidanceSchedule.Cosine },
            GuidanceMethod.Autoguidance => cfg with { Guide = guide },
            GuidanceMethod.AutoguidanceCads => cfg with { Guide = guide, Cads = cads },
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }
}
