namespace Cads.Noise;

/// <summary>The distribution of a noise draw. All have mean 0 and unit standard deviation: only the std matters in CADS.</summary>
public enum NoiseKind
{
    /// <summary>N(0, 1).</summary>
    Gaussian,
    /// <summary>Laplace(0, b) with b = 1/sqrt(2).</summary>
    Laplace,
    /// <summary>U(-sqrt(3), sqrt(3)).</summary>
    Uniform,
}
