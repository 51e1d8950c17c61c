using Cads.Annealing;
using Cads.Guidance;

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

/// <summary>One method at one weight, resolved into what a guided sampler takes.</summary>
/// <param name="W">The uncond-based weight actually used (1 for <see cref="GuidanceMethod.Conditional"/>).</param>
/// <param name="Schedule">The guidance schedule f(t).</param>
/// <param name="Cads">CADS's settings, or null for none.</param>
public sealed record GuidanceSetup(double W, IGuidanceSchedule Schedule, CadsOptions? Cads);

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

    /// <summary>
    /// The guidance of <paramref name="method"/> at weight <paramref name="w"/>: Dynamic CFG uses CADS's gamma
    /// (tau1, tau2 of <paramref name="cads"/>), as the paper's baseline does.
    /// </summary>
    public static GuidanceSetup Setup(this GuidanceMethod method, double w, CadsOptions cads, (double Lo, double Hi) interval)
    {
        var dynamic = GuidanceSchedule.Dynamic(new AnnealingSchedule(cads.Tau1, cads.Tau2));
        return method switch
        {
            GuidanceMethod.Conditional => new GuidanceSetup(1, GuidanceSchedule.Constant, null),
            GuidanceMethod.Cfg => new GuidanceSetup(w, GuidanceSchedule.Constant, null),
            GuidanceMethod.DynamicCfg => new GuidanceSetup(w, dynamic, null),
            GuidanceMethod.Cads => new GuidanceSetup(w, GuidanceSchedule.Constant, cads),
            GuidanceMethod.CadsDynamicCfg => new GuidanceSetup(w, dynamic, cads),
            GuidanceMethod.Interval => new GuidanceSetup(w, GuidanceSchedule.Interval(interval.Lo, interval.Hi), null),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
    }
}
