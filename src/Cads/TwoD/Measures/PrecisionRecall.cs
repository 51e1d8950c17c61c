using static TorchSharp.torch;

namespace Cads.TwoD.Measures;

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019): each set is a union of balls around its points, of radius
/// the distance to the point's k-th nearest neighbour in its own set (k = 3). Precision = the fraction of generated
/// points inside the real manifold (quality); recall = the fraction of real points inside the generated one (coverage).
/// </summary>
public static class PrecisionRecall
{
    /// <summary>(precision, recall) of generated [M, D] against real [N, D].</summary>
    /// <exception cref="ArgumentException">k &lt; 1, or a set has no more than k points.</exception>
    public static (double Precision, double Recall) Measure(Tensor real, Tensor generated, int k = 3)
    {
        if (k < 1) throw new ArgumentException($"k must be >= 1; got {k}", nameof(k));
        if (real.shape[0] <= k || generated.shape[0] <= k)
            throw new ArgumentException($"both sets need more than k = {k} points; got {real.shape[0]} real, {generated.shape[0]} generated", nameof(real));
        using var scope = NewDisposeScope();
        var r = real.to(ScalarType.Float64);
        var g = generated.to(ScalarType.Float64).to(r.device);
        var precision = FractionInside(g, r, k);
        var recall = FractionInside(r, g, k);
        return (precision, recall);
    }

    // The fraction of query points within the k-NN ball of at least one manifold point.
    static double FractionInside(Tensor query, Tensor manifold, int k)
    {
        using var scope = NewDisposeScope();
        // Each point is its own nearest neighbour at distance 0, hence k + 1.
        var radii = cdist(manifold, manifold).topk(k + 1, dim: 1, largest: false).values[TensorIndex.Colon, k];
        var inside = cdist(query, manifold).le(radii.unsqueeze(0)).any(1);
        return inside.to(ScalarType.Float64).mean().item<double>();
    }
}
