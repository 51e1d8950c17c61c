using Cads.Validation;

namespace Cads.Schedules;

/// <summary>
/// The sigma-parametrised (variance-exploding) schedule of EDM (Karras et al. 2022): alpha(t) = 1 and
/// sigma(t) = sigma_max t, EDM's sigma(t) = t with time rescaled so that t = 1 is sigma_max.
/// Pair it with <see cref="TimeGrid.Karras"/> for EDM's rho-spaced steps.
/// </summary>
public sealed class EdmSchedule : NoiseSchedule
{
    /// <summary>sigma at t = 1.</summary>
    public double SigmaMax { get; }

    public EdmSchedule(double sigmaMax = 80) => SigmaMax = Check.Positive(sigmaMax, nameof(sigmaMax));

    public override double Alpha(double t) => 1;

    public override double Sigma(double t) => SigmaMax * t;

    public override double TimeOfEdmSigma(double edmSigma) => edmSigma / SigmaMax;
}
