using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>
/// The mean similarity score (MSS) of the CADS paper: the mean pairwise cosine similarity of a set's embeddings,
/// diagonal excluded. Lower means more diverse; n identical embeddings give 1.
/// <code>
/// MSS = 1 / (n (n - 1)) sum_{i != j} cos(e_i, e_j)
/// </code>
/// </summary>
public static class MeanSimilarityScore
{
    /// <summary>MSS of embeddings [n, D], n &gt;= 2, no all-zero row.</summary>
    /// <exception cref="ArgumentException">Not [n, D] with n &gt;= 2, or a row is all zero.</exception>
    public static double Measure(Tensor embeddings)
    {
        using var scope = NewDisposeScope();
        var unit = FeatureSet.UnitRows(FeatureSet.Checked(embeddings, nameof(embeddings), 2), nameof(embeddings));
        var n = unit.shape[0];
        // sum_{i,j} cos = ||sum_i u_i||^2 and the diagonal adds n: O(n D) instead of the n x n matrix.
        var total = unit.sum([0]).square().sum().item<double>();
        return (total - n) / (n * (double)(n - 1));
    }
}
