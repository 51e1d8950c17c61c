using Cads.Guidance;
using Cads.Runs;

namespace Cads.Evaluation;

/// <summary>The sampling methods the evaluation compares, as in the CADS paper's tables plus guidance interval.</summary>
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
}

/// <summary>Names and setups of <see cref="GuidanceMethod"/>.</summary>
public static class GuidanceMethods
{
    /// <summary>All methods, in table order.</summary>
    public static IReadOnlyList<GuidanceMethod> All { get; } = Enum.GetValues<GuidanceMethod>();

    /// <summary>The name in results and on the command line: conditional, cfg, dynamic-cfg, cads, cads+dynamic-cfg, interval.</summary>
    public static string Name(this GuidanceMethod method) => method switch
    {
        GuidanceMethod.Conditional => "conditional",
        GuidanceMethod.Cfg => "cfg",
        GuidanceMethod.DynamicCfg => "dynamic-cfg",
        GuidanceMethod.Cads => "cads",
        GuidanceMethod.CadsDynamicCfg => "cads+dynamic-cfg",
        GuidanceMethod.Interval => "interval",
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

    /// <summary>
    /// <paramref name="method"/> at weight <paramref name="w"/> as a change of <paramref name="baseline"/>: its sampler,
    /// steps and seeds stay; CADS's settings come from the baseline, and Dynamic CFG reads their gamma (tau1, tau2,
    /// degree), as the paper's baseline does. The conditional method runs at w = 1, whatever <paramref name="w"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The baseline has no CADS settings.</exception>
    public static GuidedRun Apply(this GuidanceMethod method, GuidedRun baseline, double w, (double Lo, double Hi)? interval = null)
    {
        var cads = baseline.Cads ?? throw new ArgumentException(
            "baseline must carry CADS settings: cads and dynamic-cfg take their gamma from them", nameof(baseline));
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
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }
}
