using Cads.Noise;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Annealing;

/// <summary>
/// CADS, the condition-annealed diffusion sampler (Sadat et al., ICLR 2024), as a transform of the condition tensor y
/// applied at every step, with fresh noise each time and for each sample:
/// <code>
/// y_hat      = sqrt(gamma(t)) y + s sqrt(1 - gamma(t)) n
/// y_rescaled = (y_hat - mean(y_hat)) / std(y_hat) * std(y) + mean(y)
/// y_final    = psi y_rescaled + (1 - psi) y_hat
/// </code>
/// Below tau1 (gamma = 1) the model sees y exactly. At gamma = 0 (above tau2) y_hat = s n: with psi = 1 and s &gt; 0 the
/// rescale maps it back to y's mean and std, so s cancels and the model sees a random condition of ordinary size,
/// not the null condition (for class labels a random-looking embedding, which a network may read as some class);
/// with psi &lt; 1 its size depends on s. Whether the model then behaves as if unconditioned depends on the model, not
/// on CADS: a network takes the noisy embedding at face value; only a model that knows the noise (the 2-D world's
/// <see cref="TwoD.ExactMixtureModel.BayesSmoothed"/>, psi = 0) reads gamma = 0 as no evidence about the class.
/// Hand it to <see cref="Guidance.Cfg"/>; for class labels it acts on the class embedding. gamma is read on the
/// sampler's time t, or on the step fraction of a grid (<see cref="AnnealingSchedule.OnStepFraction"/>).
/// </summary>
public sealed class CadsTransform
{
    /// <summary>The settings: tau1, tau2, s, psi and the rest.</summary>
    public CadsSettings Settings { get; }
    /// <summary>gamma, on the sampler's time t or on the grid's step fraction.</summary>
    public AnnealingSchedule Schedule { get; }
    /// <summary>Where n comes from: a stream of CADS's own, so that its draws move no other stream.</summary>
    public NoiseSource Noise { get; }

    /// <param name="settings">tau1, tau2, s, psi and the rest.</param>
    /// <param name="noise">CADS's own stream, e.g. a run's <see cref="RunNoise.Cads"/> or <see cref="NoiseSource.Seeded"/>.</param>
    /// <param name="grid">The grid the sampler runs on; needed only when gamma is read on its step fraction.</param>
    /// <exception cref="ArgumentException">A setting out of range, or the step-fraction clock without a grid.</exception>
    public CadsTransform(CadsSettings settings, NoiseSource noise, TimeGrid? grid = null)
    {
        settings.Validate();
        if (settings.OnStepFraction && grid is null)
            throw new ArgumentException("grid is needed to read gamma on the step fraction (OnStepFraction = true)", nameof(grid));
        Settings = settings;
        Noise = noise;
        Schedule = settings.OnStepFraction ? settings.Gamma.OnStepFraction(grid!) : settings.Gamma;
    }

    /// <summary>y_final at time t for the condition tensor y [B, ...].</summary>
    public Tensor Apply(Tensor y, double t)
    {
        var gamma = Schedule.Gamma(t);
        // Below tau1 y_hat is y itself; skipping the draw keeps it bit-exact and free.
        if (gamma == 1) return y.alias();
        using var scope = NewDisposeScope();
        var (s, psi) = (Settings.NoiseScale, Settings.Psi);
        var n = Noise.Like(y, Settings.NoiseKind);
        var yHat = Math.Sqrt(gamma) * y + s * Math.Sqrt(1 - gamma) * n;
        var result = psi == 0 ? yHat : psi * Rescale(yHat, y, Settings.Statistics) + (1 - psi) * yHat;
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
