using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>
/// Improved precision and recall (Kynkäänniemi et al. 2019) in any feature dimension D. Each set is a union of balls,
/// one around each of its points phi with radius r_k(phi), the distance to phi's k-th nearest neighbour in its own set.
/// <code>
/// precision = (1/M) sum_g 1[ exists real phi_r : ||phi_g - phi_r|| &lt;= r_k(phi_r) ]   (quality: generated inside the real manifold)
/// recall    = (1/N) sum_r 1[ exists gen  phi_g : ||phi_r - phi_g|| &lt;= r_k(phi_g) ]   (coverage: real inside the generated manifold)
/// </code>
/// Distances in float64. Memory is O(N M); both sets should have about the same size, since the radii shrink as a set grows.
/// </summary>
public static class PrecisionRecall
{
    /// <summary>The paper's neighbourhood size.</summary>
    public const int DefaultK = 3;

    /// <summary>(precision, recall) of <paramref name="generated"/> [M, D] against <paramref name="real"/> [N, D].</summary>
    /// <exception cref="ArgumentException">k &lt; 1, a set is not [N, D] or has no more than k points, or the dimensions differ.</exception>
    public static (double Precision, double Recall) Measure(Tensor real, Tensor generated, int k = DefaultK)
    {
        if (k < 1) throw new ArgumentException($"k must be >= 1; got {k}", nameof(k));
        using var scope = NewDisposeScope();
        var (r, g) = FeatureSet.CheckedPair(real, nameof(real), generated, nameof(generated), k + 1);
        return (FractionInside(g, r, k), FractionInside(r, g, k));
    }

    /// <summary>
    /// Which points of <paramref name="query"/> [Q, D] lie inside the k-NN manifold of <paramref name="manifold"/> [M, D]
    /// (within r_k of at least one manifold point): a bool tensor [Q]. Its mean is precision (query = generated,
    /// manifold = real) or recall (query = real, manifold = generated); split by mode it says where either is lost.
    /// </summary>
    /// <exception cref="ArgumentException">k &lt; 1, a set is not [N, D], the manifold has no more than k points, or the dimensions differ.</exception>
    public static Tensor Inside(Tensor query, Tensor manifold, int k = DefaultK)
    {
        if (k < 1) throw new ArgumentException($"k must be >= 1; got {k}", nameof(k));
        using var scope = NewDisposeScope();
        var m = FeatureSet.Checked(manifold, nameof(manifold), k + 1);
        var q = FeatureSet.Checked(query, nameof(query), 0).to(m.device);
        if (q.shape[1] != m.shape[1])
            throw new ArgumentException($"{nameof(query)} and {nameof(manifold)} must have the same feature dimension; got {q.shape[1]} and {m.shape[1]}", nameof(manifold));
        return InsideMask(q, m, k).MoveToOuterDisposeScope();
    }

    // The fraction of query points within the k-NN ball of at least one manifold point.
    static double FractionInside(Tensor query, Tensor manifold, int k)
    {
        using var scope = NewDisposeScope();
        return InsideMask(query, manifold, k).to(ScalarType.Float64).mean().item<double>();
    }

    static Tensor InsideMask(Tensor query, Tensor manifold, int k)
    {
        // Each point is its own nearest neighbour at distance 0, hence k + 1.
        var radii = cdist(manifold, manifold).topk(k + 1, dim: 1, largest: false).values[TensorIndex.Colon, k];
        return cdist(query, manifold).le(radii.unsqueeze(0)).any(1);
    }
}
