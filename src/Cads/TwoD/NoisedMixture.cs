using static TorchSharp.torch;

namespace Cads.TwoD;

/// <summary>
/// The exact distribution of z_t = alpha x0 + sigma eps for x0 from a <see cref="GaussianMixture2D"/>: again a
/// mixture, component k being N(alpha mu_k, v_k I) with v_k = alpha^2 s_k^2 + sigma^2. Every method takes a batch
/// z [N, 2] and computes in z's dtype on z's device, so float64 inputs give float64-exact answers.
/// </summary>
/// <remarks>
/// Everything follows from the per-component log-joint l_k(z) = log pi_k + log N(z; alpha mu_k, v_k I):
/// <code>
/// log p(z)         = logsumexp_k l_k(z)
/// log p(z|c)       = logsumexp_{k in c} l_k(z) - log p(c)
/// r_k(z)           = softmax_k l_k(z)                 (responsibilities; within class c: softmax over k in c)
/// p(c|z)           = softmax_c logsumexp_{k in c} l_k(z)
/// grad log p(z|.)  = sum_k r_k(z) (alpha mu_k - z) / v_k
/// E[x0|z, k]       = mu_k + alpha s_k^2 / v_k (z - alpha mu_k)
/// E[x0|z, .]       = sum_k r_k(z) E[x0|z, k]          (Tweedie, per component)
/// </code>
/// </remarks>
public sealed class NoisedMixture
{
    readonly GaussianMixture2D _mixture;

    /// <summary>The clean mixture this is a noised version of.</summary>
    public GaussianMixture2D Mixture => _mixture;

    /// <summary>The signal scale alpha.</summary>
    public double Alpha { get; }

    /// <summary>The noise scale sigma.</summary>
    public double Sigma { get; }

    internal NoisedMixture(GaussianMixture2D mixture, double alpha, double sigma)
    {
        _mixture = mixture;
        Alpha = alpha;
        Sigma = sigma;
    }

    /// <summary>v_k = alpha^2 s_k^2 + sigma^2, the variance per coordinate of noised component k [K].</summary>
    Tensor Variances(Tensor z)
    {
        var s = _mixture.StdTensor(z.dtype, z.device);
        return (Alpha * Alpha) * s * s + Sigma * Sigma;
    }

    /// <summary>l_k(z) = log pi_k + log N(z; alpha mu_k, v_k I), [N, K].</summary>
    public Tensor ComponentLogJoint(Tensor z)
    {
        using var scope = NewDisposeScope();
        var v = Variances(z);
        var offset = z.unsqueeze(1) - Alpha * _mixture.MeanTensor(z.dtype, z.device); // [N, K, 2]
        var logNormal = -offset.square().sum(-1) / (2 * v) - (2 * Math.PI * v).log(); // 2-D: -(2/2) log(2 pi v)
        return (_mixture.LogWeightTensor(z.dtype, z.device) + logNormal).MoveToOuterDisposeScope();
    }

    /// <summary>log p(z, c) = logsumexp_{k in c} l_k(z), [N, C].</summary>
    public Tensor ClassLogJoint(Tensor z)
    {
        using var scope = NewDisposeScope();
        var perClass = ComponentLogJoint(z).unsqueeze(1) + _mixture.ClassLogMask(z.dtype, z.device); // [N, C, K]
        return perClass.logsumexp(-1).MoveToOuterDisposeScope();
    }

    /// <summary>log p_t(z) [N].</summary>
    public Tensor LogDensity(Tensor z)
    {
        using var scope = NewDisposeScope();
        return ComponentLogJoint(z).logsumexp(-1).MoveToOuterDisposeScope();
    }

    /// <summary>log p_t(z|c) [N], c = labels [N] (int64).</summary>
    public Tensor LogDensity(Tensor z, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var logPrior = _mixture.ClassLogMask(z.dtype, z.device).add(_mixture.LogWeightTensor(z.dtype, z.device)).logsumexp(-1);
        var joint = ComponentLogJoint(z) + ClassMaskOf(labels, z);
        return (joint.logsumexp(-1) - logPrior.index_select(0, labels)).MoveToOuterDisposeScope();
    }

    /// <summary>The class posterior p(c|z_t) [N, C].</summary>
    public Tensor ClassPosterior(Tensor z)
    {
        using var scope = NewDisposeScope();
        return ClassLogJoint(z).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>r_k(z) = p(k|z_t) [N, K].</summary>
    public Tensor Responsibilities(Tensor z)
    {
        using var scope = NewDisposeScope();
        return ComponentLogJoint(z).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>p(k|z_t, c) [N, K]: the responsibilities within each sample's class c = labels [N].</summary>
    public Tensor Responsibilities(Tensor z, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return (ComponentLogJoint(z) + ClassMaskOf(labels, z)).softmax(-1).MoveToOuterDisposeScope();
    }

    /// <summary>The exact score grad_z log p_t(z) [N, 2].</summary>
    public Tensor Score(Tensor z) => Mix(() => Responsibilities(z), () => ComponentScores(z));

    /// <summary>The exact conditional score grad_z log p_t(z|c) [N, 2], c = labels [N].</summary>
    public Tensor Score(Tensor z, Tensor labels) => Mix(() => Responsibilities(z, labels), () => ComponentScores(z));

    /// <summary>The exact denoiser E[x0|z_t] [N, 2].</summary>
    public Tensor PosteriorMean(Tensor z) => Mix(() => Responsibilities(z), () => ComponentPosteriorMeans(z));

    /// <summary>The exact conditional denoiser E[x0|z_t, c] [N, 2], c = labels [N].</summary>
    public Tensor PosteriorMean(Tensor z, Tensor labels) => Mix(() => Responsibilities(z, labels), () => ComponentPosteriorMeans(z));

    /// <summary>E[x0|z_t, c] for every class at once, [N, C, 2]: the building block of <see cref="ExactMixtureModel"/>.</summary>
    public Tensor ClassPosteriorMeans(Tensor z)
    {
        using var scope = NewDisposeScope();
        var perClass = (ComponentLogJoint(z).unsqueeze(1) + _mixture.ClassLogMask(z.dtype, z.device)).softmax(-1); // [N, C, K]
        return perClass.bmm(ComponentPosteriorMeans(z)).MoveToOuterDisposeScope();
    }

    /// <summary>grad_z log N(z; alpha mu_k, v_k I) = (alpha mu_k - z) / v_k, [N, K, 2].</summary>
    public Tensor ComponentScores(Tensor z)
    {
        using var scope = NewDisposeScope();
        var offset = z.unsqueeze(1) - Alpha * _mixture.MeanTensor(z.dtype, z.device);
        return (-offset / Variances(z).unsqueeze(-1)).MoveToOuterDisposeScope();
    }

    /// <summary>E[x0|z_t, k] = mu_k + alpha s_k^2 / v_k (z - alpha mu_k), [N, K, 2] (the Gaussian posterior mean).</summary>
    public Tensor ComponentPosteriorMeans(Tensor z)
    {
        using var scope = NewDisposeScope();
        var mu = _mixture.MeanTensor(z.dtype, z.device);
        var s = _mixture.StdTensor(z.dtype, z.device);
        var gain = (Alpha * s * s / Variances(z)).unsqueeze(-1); // [K, 1]
        return (mu + gain * (z.unsqueeze(1) - Alpha * mu)).MoveToOuterDisposeScope();
    }

    Tensor ClassMaskOf(Tensor labels, Tensor z) => _mixture.ClassLogMask(z.dtype, z.device).index_select(0, labels.to(z.device));

    // sum_k w_k(z) f_k(z) for weights [N, K] and per-component values [N, K, 2], in a scope that frees both.
    static Tensor Mix(Func<Tensor> weights, Func<Tensor> values)
    {
        using var scope = NewDisposeScope();
        return (weights().unsqueeze(-1) * values()).sum(1).MoveToOuterDisposeScope();
    }
}
