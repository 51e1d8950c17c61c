using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>
/// An Inception-style score on the project's own classifier (not Inception, so not comparable with published IS):
/// <code>
/// IS = exp( E_x KL(p(y|x) || p(y)) ),   p(y) = E_x p(y|x)   (both expectations over the generated set)
/// </code>
/// It runs from 1 (every sample gets the same prediction) to the number of classes C (confident predictions spread
/// evenly over all C classes). Terms with p(y|x) = 0 contribute 0 (the limit of p log p).
/// </summary>
public static class InceptionScore
{
    /// <summary>The score of classifier logits [N, C] (softmax taken here, in float64).</summary>
    /// <exception cref="ArgumentException">Not [N, C] with N &gt;= 1.</exception>
    public static double FromLogits(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var logP = FeatureSet.Checked(logits, nameof(logits), 1).log_softmax(1);
        return Score(logP.exp(), logP);
    }

    /// <summary>The score of class probabilities p(y|x) [N, C], rows summing to 1.</summary>
    /// <exception cref="ArgumentException">Not [N, C], or a row is negative or does not sum to 1 (within 1e-6).</exception>
    public static double FromProbabilities(Tensor probabilities)
    {
        using var scope = NewDisposeScope();
        var p = FeatureSet.Checked(probabilities, nameof(probabilities), 1);
        if (p.lt(0).any().item<bool>() || !p.sum(1).allclose(ones_like(p.sum(1)), rtol: 0, atol: 1e-6))
            throw new ArgumentException("probabilities must be non-negative with rows summing to 1", nameof(probabilities));
        return Score(p, p.log());
    }

    static double Score(Tensor p, Tensor logP)
    {
        var logMarginal = p.mean([0], keepdim: true).log();
        // where(): 0 log 0 = 0, and keeps -inf out of the sum.
        var kl = where(p.gt(0), p * (logP - logMarginal), zeros_like(p)).sum(1);
        return Math.Exp(kl.mean().item<double>());
    }
}
