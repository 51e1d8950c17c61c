using Cads.Validation;

namespace Cads.Annealing;

/// <summary>
/// CADS's annealing schedule gamma(t), how much of the condition survives at time t (Sadat et al. 2024, eq. 5):
/// gamma(t) = 1 for t &lt;= tau1; ((tau2 - t) / (tau2 - tau1))^d for tau1 &lt; t &lt; tau2; 0 for t &gt;= tau2.
/// d = 1 is the paper's linear schedule; other degrees are its polynomial ablation (d &gt; 1 lets the condition in later).
/// </summary>
public sealed record AnnealingSchedule
{
    /// <summary>Below tau1 the condition is exact.</summary>
    public double Tau1 { get; }
    /// <summary>Above tau2 the condition is pure noise.</summary>
    public double Tau2 { get; }
    /// <summary>The degree d of the ramp between tau1 and tau2.</summary>
    public double Degree { get; }

    /// <exception cref="ArgumentException">Unless 0 &lt;= tau1 &lt;= tau2 &lt;= 1 and d &gt; 0.</exception>
    public AnnealingSchedule(double tau1, double tau2, double degree = 1)
    {
        Tau2 = Check.InRange(tau2, 0, 1, nameof(tau2));
        Tau1 = Check.InRange(tau1, 0, tau2, nameof(tau1), $"[0, tau2] = [0, {Check.Format(tau2)}]");
        Degree = Check.Positive(degree, nameof(degree));
    }

    /// <summary>gamma(t).</summary>
    public double Gamma(double t)
    {
        Check.Time(t);
        if (t <= Tau1) return 1;
        if (t >= Tau2) return 0;
        return Math.Pow((Tau2 - t) / (Tau2 - Tau1), Degree);
    }
}
