using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>
/// The Vendi score (Friedman and Dieng 2023) with the cosine kernel: the effective number of distinct items of a set.
/// <code>
/// K_ij = cos(e_i, e_j),   lambda = eigenvalues of K / n,   VS = exp( -sum_i lambda_i log lambda_i )
/// </code>
/// K / n is PSD with trace 1, so lambda is a distribution: n identical items give 1, n orthogonal ones give n.
/// Since K = U U^T with U the unit rows, K / n shares its non-zero eigenvalues with U^T U / n [D, D], which is what
/// is decomposed when D &lt; n.
/// </summary>
public static class VendiScore
{
    /// <summary>VS of embeddings [n, D], n &gt;= 1, no all-zero row.</summary>
    /// <exception cref="ArgumentException">Not [n, D] with n &gt;= 1, or a row is all zero.</exception>
    public static double Measure(Tensor embeddings)
    {
        using var scope = NewDisposeScope();
        var unit = FeatureSet.UnitRows(FeatureSet.Checked(embeddings, nameof(embeddings), 1), nameof(embeddings));
        var n = unit.shape[0];
        var gram = n <= unit.shape[1] ? unit.mm(unit.T) : unit.T.mm(unit);
        var lambda = linalg.eigvalsh(gram / n).clamp_min(0);
        // 0 log 0 = 0: rounding's zero eigenvalues carry no mass.
        var entropy = -where(lambda.gt(0), lambda * lambda.log(), zeros_like(lambda)).sum();
        return Math.Exp(entropy.item<double>());
    }
}
