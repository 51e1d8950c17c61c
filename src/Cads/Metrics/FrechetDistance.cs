using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>The mean mu [D] and covariance S [D, D] (unbiased, 1/(N - 1)) of a feature set, float64.</summary>
public sealed record GaussianFit(Tensor Mean, Tensor Covariance) : IDisposable
{
    /// <summary>Fits features [N, D], N &gt;= 2.</summary>
    /// <exception cref="ArgumentException">Not [N, D] with N &gt;= 2.</exception>
    public static GaussianFit Of(Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = FeatureSet.Checked(features, nameof(features), 2);
        var mu = x.mean([0]);
        var centred = x - mu;
        var s = centred.T.mm(centred) / (x.shape[0] - 1);
        return new GaussianFit(mu.MoveToOuterDisposeScope(), s.MoveToOuterDisposeScope());
    }

    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}

/// <summary>
/// The Fréchet distance between Gaussians fitted to two feature sets, the "FID" when the features come from the
/// image world's classifier (not Inception: numbers compare within this project, not with the paper's):
/// <code>
/// d^2 = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1^1/2 S2 S1^1/2)^1/2)
/// </code>
/// (S1^1/2 S2 S1^1/2)^1/2 is symmetric PSD and has the same trace as the usual (S1 S2)^1/2, so both roots come from a
/// symmetric eigendecomposition (torch.linalg.eigh) in float64, with the tiny negative eigenvalues that rounding leaves
/// on PSD matrices clamped to 0. No complex parts to discard, no iterative sqrtm to fail on singular covariances
/// (which are the rule when N &lt; D).
/// </summary>
public static class FrechetDistance
{
    /// <summary>d^2 between Gaussians fitted to <paramref name="a"/> [N, D] and <paramref name="b"/> [M, D].</summary>
    /// <exception cref="ArgumentException">A set is not [N, D] with N &gt;= 2, or the dimensions differ.</exception>
    public static double Measure(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        var (x, y) = FeatureSet.CheckedPair(a, nameof(a), b, nameof(b), 2);
        using var fa = GaussianFit.Of(x);
        using var fb = GaussianFit.Of(y);
        return FromMoments(fa.Mean, fa.Covariance, fb.Mean, fb.Covariance);
    }

    /// <summary>d^2 between N(mu1, S1) and N(mu2, S2) given directly: mu [D], S [D, D] symmetric PSD.</summary>
    /// <exception cref="ArgumentException">The shapes do not fit together.</exception>
    public static double FromMoments(Tensor mu1, Tensor s1, Tensor mu2, Tensor s2)
    {
        var d = mu1.dim() == 1 ? mu1.shape[0] : -1;
        if (d < 1) throw new ArgumentException($"mu1 must have shape [D]; got [{string.Join(", ", mu1.shape)}]", nameof(mu1));
        if (mu2.shape is not [var d2] || d2 != d) throw new ArgumentException($"mu2 must have shape [{d}] like mu1; got [{string.Join(", ", mu2.shape)}]", nameof(mu2));
        if (s1.shape is not [var r1, var c1] || r1 != d || c1 != d) throw new ArgumentException($"s1 must have shape [{d}, {d}]; got [{string.Join(", ", s1.shape)}]", nameof(s1));
        if (s2.shape is not [var r2, var c2] || r2 != d || c2 != d) throw new ArgumentException($"s2 must have shape [{d}, {d}]; got [{string.Join(", ", s2.shape)}]", nameof(s2));
        using var scope = NewDisposeScope();
        var device = mu1.device;
        var m1 = mu1.to(ScalarType.Float64);
        var m2 = mu2.to(ScalarType.Float64).to(device);
        var a = Symmetric(s1.to(ScalarType.Float64).to(device));
        var b = Symmetric(s2.to(ScalarType.Float64).to(device));
        var rootA = SqrtPsd(a);
        var crossTrace = SqrtPsdEigenvalues(Symmetric(rootA.mm(b).mm(rootA))).sum();
        var distance = (m1 - m2).square().sum() + a.trace() + b.trace() - 2 * crossTrace;
        // Rounding can leave -1e-12 for identical sets; a squared distance is never negative.
        return Math.Max(0, distance.item<double>());
    }

    // Rounding makes products of symmetric matrices slightly asymmetric; eigh reads one triangle only, so average first.
    static Tensor Symmetric(Tensor m) => (m + m.T) / 2;

    static Tensor SqrtPsdEigenvalues(Tensor m) => linalg.eigvalsh(m).clamp_min(0).sqrt();

    static Tensor SqrtPsd(Tensor m)
    {
        var (values, vectors) = linalg.eigh(m);
        return (vectors * values.clamp_min(0).sqrt().unsqueeze(0)).mm(vectors.T);
    }
}
