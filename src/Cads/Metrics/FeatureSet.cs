using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>The input rules every feature-set metric shares, so their messages read alike.</summary>
internal static class FeatureSet
{
    /// <summary><paramref name="features"/> as float64 [N, D] with N &gt;= <paramref name="minRows"/>, on its own device.</summary>
    /// <exception cref="ArgumentException">Not two-dimensional, or too few rows; the message names <paramref name="name"/>.</exception>
    public static Tensor Checked(Tensor features, string name, long minRows)
    {
        ArgumentNullException.ThrowIfNull(features, name);
        if (features.dim() != 2)
            throw new ArgumentException($"{name} must have shape [N, D]; got [{string.Join(", ", features.shape)}]", name);
        if (features.shape[0] < minRows)
            throw new ArgumentException($"{name} needs at least {minRows} rows; got {features.shape[0]}", name);
        return features.to(ScalarType.Float64);
    }

    /// <summary>Both sets checked, with the same feature dimension D, the second moved to the first's device.</summary>
    public static (Tensor A, Tensor B) CheckedPair(Tensor a, string nameA, Tensor b, string nameB, long minRows)
    {
        var x = Checked(a, nameA, minRows);
        var y = Checked(b, nameB, minRows);
        if (x.shape[1] != y.shape[1])
            throw new ArgumentException($"{nameA} and {nameB} must have the same feature dimension; got {x.shape[1]} and {y.shape[1]}", nameB);
        return (x, y.to(x.device));
    }

    /// <summary>Rows scaled to unit length; an all-zero row has no direction, so it is refused rather than guessed.</summary>
    public static Tensor UnitRows(Tensor x, string name)
    {
        var norms = x.norm(1, keepdim: true);
        if (norms.eq(0).any().item<bool>())
            throw new ArgumentException($"{name} has an all-zero row: its cosine similarity is undefined", name);
        return x / norms;
    }
}
