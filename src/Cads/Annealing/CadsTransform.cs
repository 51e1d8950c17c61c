using Cads.Noise;
using Cads.Validation;
using static TorchSharp.torch;

namespace Cads.Annealing;

/// <summary>
/// CADS, the condition-annealed diffusion sampler (Sadat et al., ICLR 2024), as a transform of the condition tensor y
/// applied at every step, with fresh noise each time and for each sample:
/// <code>
/// y_hat      = sqrt(gamma(t)) y + s sqrt(1 - gamma(t)) n                           (eq. 4)
/// y_rescaled = (y_hat - mean(y_hat)) / std(y_hat) * std(y) + mean(y)                (eq. 6)
/// y_final    = psi y_rescaled + (1 - psi) y_hat
/// </code>
/// Early (gamma near 0) the sampler barely sees the condition and explores; below tau1 it sees y exactly.
/// Hand it to <see cref="Guidance.Cfg"/>; for class labels it acts on the class embedding.
/// </summary>
public sealed class CadsTransform
{
    /// <summary>gamma(t).</summary>
    public AnnealingSchedule Schedule { get; }
    /// <summary>The noise scale s.</summary>
    public double NoiseScale { get; }
    /// <summary>psi: 1 rescales fully (guards against divergence at large s), 0 not at all (most diversity).</summary>
    public double Psi { get; }

    /// <summary>The distribution of n; every kind has unit std.</summary>
    public NoiseKind NoiseKind { get; init; } = NoiseKind.Gaussian;
    /// <summary>Over which elements mean and std of the rescaling run.</summary>
    public RescaleStatistics Statistics { get; init; } = RescaleStatistics.PerSample;
    /// <summary>Whether the null condition is noised too.</summary>
    public CadsBranches Branches { get; init; } = CadsBranches.Conditional;
    /// <summary>Where n comes from; independent of the sampler's own noise so that turning CADS on leaves that untouched.</summary>
    public NoiseSource Noise { get; init; } = NoiseSource.Global;

    /// <exception cref="ArgumentException">Unless s &gt;= 0 and psi in [0, 1].</exception>
    public CadsTransform(AnnealingSchedule schedule, double noiseScale, double psi = 1)
    {
        Schedule = schedule;
        NoiseScale = Check.NonNegative(noiseScale, "noiseScale s");
        Psi = Check.InRange(psi, 0, 1, nameof(psi));
    }

    /// <summary>y_final at time t for the condition tensor y [B, ...].</summary>
    public Tensor Apply(Tensor y, double t)
    {
        var gamma = Schedule.Gamma(t);
        // Below tau1 y_hat is y itself; skipping the draw keeps it bit-exact and free.
        if (gamma == 1) return y.alias();
        using var scope = NewDisposeScope();
        var n = Noise.Like(y, NoiseKind);
        var yHat = Math.Sqrt(gamma) * y + NoiseScale * Math.Sqrt(1 - gamma) * n;
        var result = Psi == 0 ? yHat : Psi * Rescale(yHat, y, Statistics) + (1 - Psi) * yHat;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// (y_hat - mean(y_hat)) / std(y_hat) * std(y) + mean(y): y_hat moved back to y's mean and std, per sample over
    /// the feature dimensions or over the whole batch.
    /// </summary>
    public static Tensor Rescale(Tensor yHat, Tensor y, RescaleStatistics statistics = RescaleStatistics.PerSample)
    {
        using var scope = NewDisposeScope();
        long[] dims = statistics == RescaleStatistics.PerSample
            ? Enumerable.Range(1, (int)y.dim() - 1).Select(d => (long)d).ToArray()
            : Enumerable.Range(0, (int)y.dim()).Select(d => (long)d).ToArray();
        var meanHat = yHat.mean(dims, keepdim: true);
        // A zero std (s = 0 at gamma = 0, or a single feature) would give 0/0; the floor maps such y_hat to mean(y).
        var stdHat = yHat.std(dims, unbiased: false, keepdim: true).clamp_min(1e-12);
        var rescaled = (yHat - meanHat) / stdHat * y.std(dims, unbiased: false, keepdim: true) + y.mean(dims, keepdim: true);
        return rescaled.MoveToOuterDisposeScope();
    }
}
