using System.Globalization;

namespace Cads.Validation;

/// <summary>
/// Argument checks whose messages name the parameter, its allowed range and the value given,
/// e.g. "tau1 must be in [0, tau2] = [0, 0.8]; got 0.9".
/// </summary>
internal static class Check
{
    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>value in [lo, hi]; <paramref name="range"/> replaces "[lo, hi]" where the bounds have names.</summary>
    public static double InRange(double value, double lo, double hi, string name, string? range = null)
    {
        if (!(value >= lo && value <= hi)) // also catches NaN
            throw new ArgumentException(
                $"{name} must be in {range ?? $"[{Format(lo)}, {Format(hi)}]"}; got {Format(value)}", name);
        return value;
    }

    public static double NonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
            throw new ArgumentException($"{name} must be finite and >= 0; got {Format(value)}", name);
        return value;
    }

    public static double Positive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentException($"{name} must be finite and > 0; got {Format(value)}", name);
        return value;
    }

    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"{name} must be a finite number; got {Format(value)}", name);
        return value;
    }

    public static int AtLeast(int value, int min, string name)
    {
        if (value < min)
            throw new ArgumentException($"{name} must be >= {min}; got {value}", name);
        return value;
    }

    public static double Time(double t, string name = "t") => InRange(t, 0, 1, name);
}
