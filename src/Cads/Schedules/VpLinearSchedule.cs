using Cads.Validation;

namespace Cads.Schedules;

/// <summary>
/// DDPM's linear-beta variance-preserving schedule in continuous time (Song et al. 2021):
/// beta(t) = beta_min + t (beta_max - beta_min), alpha(t)^2 = alpha-bar(t) = exp(-integral_0^t beta),
/// sigma(t)^2 = 1 - alpha-bar(t). The defaults 0.1 and 20 are DDPM's betas 1e-4 ... 0.02 over 1000 steps.
/// </summary>
public sealed class VpLinearSchedule : NoiseSchedule
{
    /// <summary>beta(0).</summary>
    public double BetaMin { get; }
    /// <summary>beta(1).</summary>
    public double BetaMax { get; }

    public VpLinearSchedule(double betaMin = 0.1, double betaMax = 20)
    {
        BetaMin = Check.Positive(betaMin, nameof(betaMin));
        BetaMax = Check.InRange(betaMax, betaMin, double.MaxValue, nameof(betaMax), $"[betaMin, inf) = [{Check.Format(betaMin)}, inf)");
    }

    // log alpha-bar(t) = -(integral of beta from 0 to t) = -(beta_min t + (beta_max - beta_min) t^2 / 2)
    double LogAlphaBar(double t) => -(BetaMin * t + 0.5 * (BetaMax - BetaMin) * t * t);

    public override double Alpha(double t) => Math.Exp(0.5 * LogAlphaBar(t));

    public override double Sigma(double t) => Math.Sqrt(-double.ExpM1(LogAlphaBar(t)));

    public override double TimeOfEdmSigma(double edmSigma)
    {
        // alpha-bar = 1 / (1 + sigma~^2): solve (beta_max - beta_min)/2 t^2 + beta_min t - log(1 + sigma~^2) = 0 for t >= 0.
        var a = 0.5 * (BetaMax - BetaMin);
        var c = Math.Log(1 + edmSigma * edmSigma);
        return a == 0 ? c / BetaMin : (-BetaMin + Math.Sqrt(BetaMin * BetaMin + 4 * a * c)) / (2 * a);
    }
}
