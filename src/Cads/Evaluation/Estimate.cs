using Cads.Validation;

namespace Cads.Evaluation;

/// <summary>
/// A mean over independent repeats (seeds) with its two-sided 95% Student-t interval. With one repeat there is no
/// spread to estimate: the half-width is infinite, so every comparison built on it reads "within noise".
/// </summary>
public readonly record struct Estimate(double Mean, double HalfWidth, int Count)
{
    /// <summary>The mean of <paramref name="values"/> and its 95% interval, mean ± t(0.975, n - 1) · sd / sqrt(n).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty or holds a value that is not finite.</exception>
    public static Estimate Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("values: at least one value is needed for an estimate", nameof(values));
        if (values.Any(v => !double.IsFinite(v))) throw new ArgumentException("values: every value must be finite", nameof(values));
        var n = values.Count;
        var mean = values.Average();
        if (n == 1) return new Estimate(mean, double.PositiveInfinity, 1);
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        return new Estimate(mean, StudentT.Quantile975(n - 1) * Math.Sqrt(variance / n), n);
    }

    /// <summary>The lower end of the interval.</summary>
    public double Low => Mean - HalfWidth;

    /// <summary>The upper end of the interval.</summary>
    public double High => Mean + HalfWidth;

    /// <summary>"0.812 ± 0.031" with the given number format ("±∞" for a single repeat).</summary>
    public string Format(string format = "F3") =>
        double.IsPositiveInfinity(HalfWidth) ? $"{Mean.ToString(format)} (1 seed)" : $"{Mean.ToString(format)} ± {HalfWidth.ToString(format)}";

    /// <inheritdoc/>
    public override string ToString() => Format();
}

/// <summary>What a paired comparison over seeds says about a claimed direction.</summary>
public enum Verdict
{
    /// <summary>The 95% interval of the difference lies entirely on the claimed side of zero.</summary>
    Holds,

    /// <summary>The interval contains zero: this many seeds cannot tell.</summary>
    WithinNoise,

    /// <summary>The interval lies entirely on the other side of zero.</summary>
    DoesNotHold,
}

/// <summary>The direction a claim expects a difference (b - a) to have.</summary>
public enum Expected
{
    /// <summary>b is larger than a.</summary>
    Higher,

    /// <summary>b is smaller than a.</summary>
    Lower,
}

/// <summary>
/// Two settings measured on the same seeds: the difference per seed, its mean and 95% interval, and the three-way
/// verdict on a claimed direction. Pairing removes the seed-to-seed variation both settings share.
/// </summary>
public sealed record PairedComparison(Estimate Difference, Verdict Verdict, Expected Expected)
{
    /// <summary>Compares <paramref name="b"/> with <paramref name="a"/> seed by seed (same order, same seeds).</summary>
    /// <exception cref="ArgumentException">The two lists differ in length or are empty.</exception>
    public static PairedComparison Of(IReadOnlyList<double> a, IReadOnlyList<double> b, Expected expected)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count) throw new ArgumentException($"b: needs one value per seed of a ({a.Count}), got {b.Count}", nameof(b));
        var difference = Estimate.Of(a.Zip(b, (x, y) => y - x).ToArray());
        var sign = expected == Expected.Higher ? 1 : -1;
        var verdict = sign * difference.Low > 0 && sign * difference.High > 0 ? Verdict.Holds
            : sign * difference.Low < 0 && sign * difference.High < 0 ? Verdict.DoesNotHold
            : Verdict.WithinNoise;
        return new PairedComparison(difference, verdict, expected);
    }

    /// <summary>"holds", "within noise" or "does not hold".</summary>
    public string Word => Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.DoesNotHold => "does not hold",
        _ => "within noise",
    };

    /// <inheritdoc/>
    public override string ToString() => $"{Word} (difference {Difference})";
}

/// <summary>Quantiles of Student's t distribution.</summary>
public static class StudentT
{
    // t(0.975, df) for df = 1..30, to 3 decimals (standard tables); beyond 30 the normal 1.96 is within 0.05.
    static readonly double[] Table975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The 0.975 quantile of t with <paramref name="degreesOfFreedom"/> degrees of freedom (>= 1).</summary>
    public static double Quantile975(int degreesOfFreedom)
    {
        Check.AtLeast(degreesOfFreedom, 1, nameof(degreesOfFreedom));
        return degreesOfFreedom <= Table975.Length ? Table975[degreesOfFreedom - 1] : 1.96;
    }
}
