using Cads.Validation;

namespace Cads.Schedules;

/// <summary>
/// The cosine variance-preserving schedule (Nichol and Dhariwal 2021):
/// alpha-bar(u) = cos^2((u + s)/(1 + s) pi/2) / cos^2(s/(1 + s) pi/2), alpha = sqrt(alpha-bar), sigma = sqrt(1 - alpha-bar).
/// </summary>
/// <remarks>
/// alpha-bar reaches 0 at u = 1, where x0 cannot be recovered from an epsilon prediction. Nichol and Dhariwal clip
/// beta for the same reason; here time is stretched instead, u = t u_max, so that alpha-bar(t = 1) =
/// <see cref="AlphaBarMin"/> exactly and t stays invertible from sigma.
/// </remarks>
public sealed class VpCosineSchedule : NoiseSchedule
{
    /// <summary>The offset s that keeps beta from vanishing near t = 0.</summary>
    public double Offset { get; }
    /// <summary>alpha-bar at t = 1.</summary>
    public double AlphaBarMin { get; }

    readonly double _cos0;
    readonly double _uMax;

    public VpCosineSchedule(double offset = 0.008, double alphaBarMin = 1e-4)
    {
        Offset = Check.NonNegative(offset, nameof(offset));
        AlphaBarMin = Check.InRange(alphaBarMin, double.Epsilon, 0.5, nameof(alphaBarMin), "(0, 0.5]");
        _cos0 = Math.Cos(Offset / (1 + Offset) * Math.PI / 2);
        _uMax = UOfAlphaBar(AlphaBarMin);
    }

    double AlphaBar(double t)
    {
        var c = Math.Cos((t * _uMax + Offset) / (1 + Offset) * Math.PI / 2) / _cos0;
        return c * c;
    }

    double UOfAlphaBar(double alphaBar) =>
        (1 + Offset) * 2 / Math.PI * Math.Acos(Math.Sqrt(alphaBar) * _cos0) - Offset;

    public override double Alpha(double t) => Math.Sqrt(AlphaBar(t));

    public override double Sigma(double t) => Math.Sqrt(Math.Max(0, 1 - AlphaBar(t)));

    public override double TimeOfEdmSigma(double edmSigma) => UOfAlphaBar(1 / (1 + edmSigma * edmSigma)) / _uMax;
}
