using Cads.Annealing;
using Cads.Schedules;
using Cads.Validation;

namespace Cads.Guidance;

/// <summary>
/// How guidance varies over time: a factor f(t) on the guidance beyond the plain conditional,
/// w(t) = w_cond + f(t) (w - w_cond) with w_cond = 1 (uncond-based convention) or 0 (paper's). So f = 1 is constant
/// guidance and f = 0 samples the plain conditional, in both conventions.
/// </summary>
public interface IGuidanceSchedule
{
    /// <summary>f(t); <paramref name="schedule"/> gives sigma where a schedule needs it.</summary>
    double Factor(double t, NoiseSchedule schedule);
}

/// <summary>The guidance weight schedules of the notebooks.</summary>
public static class GuidanceSchedule
{
    /// <summary>f = 1: plain CFG.</summary>
    public static IGuidanceSchedule Constant { get; } = new ConstantGuidance();

    /// <summary>Linear, increasing in 1 - t with mean 1 over [0, 1] (Wang et al. 2024): f(t) = 2 (1 - t).</summary>
    public static IGuidanceSchedule Linear { get; } = new LinearGuidance();

    /// <summary>Cosine, increasing in 1 - t with mean 1 over [0, 1] (Wang et al. 2024): f(t) = 1 - cos(pi (1 - t)).</summary>
    public static IGuidanceSchedule Cosine { get; } = new CosineGuidance();

    /// <summary>Dynamic CFG, the CADS paper's baseline: f(t) = gamma(t), i.e. w_hat(t) = gamma(t) w in the paper's convention.</summary>
    public static IGuidanceSchedule Dynamic(AnnealingSchedule gamma) => new DynamicGuidance(gamma);

    /// <summary>
    /// Guidance interval (Kynkäänniemi et al. 2024): f = 1 for sigma~ in (lo, hi], else 0 (plain conditional).
    /// sigma~ = sigma/alpha, as in EDM (their EDM2 choice: (0.28, 5.42]).
    /// </summary>
    public static IGuidanceSchedule Interval(double lo, double hi)
    {
        Check.NonNegative(lo, nameof(lo));
        Check.InRange(hi, lo, double.PositiveInfinity, nameof(hi), $"[lo, inf] = [{Check.Format(lo)}, inf]");
        return new IntervalGuidance(lo, hi);
    }

    sealed record ConstantGuidance : IGuidanceSchedule
    {
        public double Factor(double t, NoiseSchedule schedule) => 1;
    }

    sealed record LinearGuidance : IGuidanceSchedule
    {
        public double Factor(double t, NoiseSchedule schedule) => 2 * (1 - t);
    }

    sealed record CosineGuidance : IGuidanceSchedule
    {
        public double Factor(double t, NoiseSchedule schedule) => 1 - Math.Cos(Math.PI * (1 - t));
    }

    sealed record DynamicGuidance(AnnealingSchedule Gamma) : IGuidanceSchedule
    {
        public double Factor(double t, NoiseSchedule schedule) => Gamma.Gamma(t);
    }

    sealed record IntervalGuidance(double Lo, double Hi) : IGuidanceSchedule
    {
        public double Factor(double t, NoiseSchedule schedule)
        {
            var sigma = schedule.EdmSigma(t);
            return sigma > Lo && sigma <= Hi ? 1 : 0;
        }
    }
}
