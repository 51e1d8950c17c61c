using static TorchSharp.torch;

namespace Cads.Denoisers;

/// <summary>What a network's output means, for z = alpha x0 + sigma eps.</summary>
public enum Prediction
{
    /// <summary>The noise eps (DDPM).</summary>
    Epsilon,
    /// <summary>The clean sample x0 (a denoiser, as in EDM).</summary>
    X0,
    /// <summary>The velocity v = alpha eps - sigma x0 (Salimans and Ho 2022).</summary>
    V,
}

/// <summary>Conversions between epsilon-, x0- and v-prediction at one noise level (alpha, sigma).</summary>
public static class Predictions
{
    /// <summary>
    /// x0 from a prediction of kind <paramref name="kind"/> at z: x0 = (z - sigma eps) / alpha, or
    /// x0 = (alpha z - sigma v) / (alpha^2 + sigma^2).
    /// </summary>
    public static Tensor ToX0(this Prediction kind, Tensor output, Tensor z, double alpha, double sigma) => kind switch
    {
        Prediction.X0 => output.alias(),
        Prediction.Epsilon => (z - sigma * output) / alpha,
        Prediction.V => (alpha * z - sigma * output) / (alpha * alpha + sigma * sigma),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The prediction of kind <paramref name="kind"/> that corresponds to x0 at z: eps = (z - alpha x0) / sigma,
    /// v = alpha eps - sigma x0. Turns an exact x0 (a closed-form posterior mean) into what an eps- or v-network returns.
    /// </summary>
    public static Tensor FromX0(this Prediction kind, Tensor x0, Tensor z, double alpha, double sigma)
    {
        switch (kind)
        {
            case Prediction.X0: return x0.alias();
            case Prediction.Epsilon: return (z - alpha * x0) / sigma;
            case Prediction.V:
            {
                using var scope = NewDisposeScope();
                var eps = (z - alpha * x0) / sigma;
                return (alpha * eps - sigma * x0).MoveToOuterDisposeScope();
            }
            default: throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
