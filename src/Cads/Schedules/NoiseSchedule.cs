namespace Cads.Schedules;

/// <summary>
/// A forward noising process z_t = alpha(t) x0 + sigma(t) eps, eps ~ N(0, I), over time t in [0, 1]:
/// t = 0 is clean data (alpha = 1, sigma = 0), t = 1 is (almost) pure noise, and sampling runs from 1 to 0.
/// </summary>
/// <remarks>
/// Every schedule is also a variance-exploding process in disguise: z_t / alpha(t) = x0 + sigma~(t) eps with
/// sigma~(t) = sigma(t) / alpha(t) (Karras et al. 2022, "EDM sigma"). Karras grids and guidance intervals
/// are stated in sigma~, which is why it has a name here: <see cref="EdmSigma"/>.
/// </remarks>
public abstract class NoiseSchedule
{
    /// <summary>The signal scale alpha(t) of z_t = alpha(t) x0 + sigma(t) eps.</summary>
    public abstract double Alpha(double t);

    /// <summary>The noise scale sigma(t) of z_t = alpha(t) x0 + sigma(t) eps.</summary>
    public abstract double Sigma(double t);

    /// <summary>sigma~(t) = sigma(t) / alpha(t): the noise level of the equivalent process z / alpha = x0 + sigma~ eps.</summary>
    public double EdmSigma(double t) => Sigma(t) / Alpha(t);

    /// <summary>The inverse of <see cref="EdmSigma"/>: the time t at which sigma(t) / alpha(t) = <paramref name="edmSigma"/>.</summary>
    public abstract double TimeOfEdmSigma(double edmSigma);

    /// <summary>lambda(t) = log(alpha(t) / sigma(t)), half the log signal-to-noise ratio (the time variable of DPM-Solver).</summary>
    public double Lambda(double t) => Math.Log(Alpha(t) / Sigma(t));

    /// <summary>sigma~ at t = 1, where sampling starts.</summary>
    public double EdmSigmaMax => EdmSigma(1);
}
