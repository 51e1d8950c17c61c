using Cads.Denoisers;
using Cads.Noise;
using Cads.Runtime;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Sampling;

/// <summary>
/// The one shape every sampler has (k-diffusion style): from z at t_0 = 1 through the grid to a sample at t_N = 0.
/// </summary>
/// <param name="denoiser">D(z; t), with condition and guidance bound.</param>
/// <param name="z">The starting noise at t_0 = 1, e.g. from <see cref="TimeGrid.InitialNoise"/>; left as it is.</param>
/// <param name="grid">The times to visit.</param>
/// <param name="options">Noise for stochastic samplers, the callback, DDIM's eta.</param>
public delegate Tensor Sampler(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options = null);

/// <summary>
/// Called once per step with the state z_i at t_i and the denoised D(z_i; t_i). Both are freed after the step:
/// keep copies with <c>x.detach().clone().DetachFromDisposeScope()</c>, or use <see cref="Trajectory"/>.
/// </summary>
public delegate void StepCallback(Tensor z, int step, double t, Tensor denoised);

/// <summary>What a sampler needs beyond the denoiser, the state and the grid.</summary>
public sealed record SamplerOptions
{
    /// <summary>
    /// The stochastic samplers' per-step noise (DDPM, DDIM with eta &gt; 0): a stream of their own, such as a run's
    /// <see cref="RunNoise.Sampler"/>. There is no default: a shared stream would let another draw (CADS's, the starting
    /// noise) shift the sampler's.
    /// </summary>
    public NoiseSource? Noise { get; init; }

    /// <summary>Called at every step, for trajectories and progress.</summary>
    public StepCallback? Callback { get; init; }

    /// <summary>DDIM's eta: 0 deterministic, 1 as much noise as DDPM. Other samplers ignore it.</summary>
    public double Eta { get; init; }
}

/// <summary>The samplers. Each is a short function over a <see cref="TimeGrid"/> with the <see cref="Sampler"/> signature.</summary>
public static partial class Samplers
{
    /// <summary>The per-step noise stream of a stochastic sampler.</summary>
    /// <exception cref="ArgumentException">None was given.</exception>
    static NoiseSource StepNoise(SamplerOptions? options, string sampler) =>
        options?.Noise ?? throw new ArgumentException(
            $"{sampler} draws fresh noise at every step: give it a stream of its own (SamplerOptions.Noise, e.g. NoiseSource.Seeded(seed))",
            nameof(options));

    /// <summary>Advances z_i (at t_i) to z_{i+1}, given the denoised D(z_i; t_i).</summary>
    delegate Tensor Step(Tensor z, int i, Tensor denoised);

    /// <summary>
    /// The loop all samplers share: per step, denoise, report, advance. Each step runs in its own dispose scope, so a
    /// long run holds the same number of tensors at every step. Nothing is read back to the host inside the loop (on a
    /// GPU that would stall the queue at every step): each step's finiteness is kept on the device and read once at the end.
    /// </summary>
    static Tensor Run(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options, Step step)
    {
        var current = z;
        using var finite = ones(grid.Steps, ScalarType.Bool, z.device).DetachFromDisposeScope();
        for (var i = 0; i < grid.Steps; i++)
        {
            using (NewDisposeScope())
            {
                var t = grid.Times[i];
                var denoised = denoiser.Denoise(current, t);
                options?.Callback?.Invoke(current, i, t, denoised);
                var next = step(current, i, denoised);
                finite[i].copy_(isfinite(next).all());
                next.MoveToOuterDisposeScope();
                if (!ReferenceEquals(current, z)) current.Dispose();
                current = next;
            }
            // The step's tensors are freed now; where a notebook asked for it, their memory goes back to the system.
            NativeHeap.StepDone();
        }
        EnsureFinite(finite, grid);
        return current;
    }

    // A diverged state is reported at the step where it first appeared, though it is only read after the last.
    static void EnsureFinite(Tensor finite, TimeGrid grid)
    {
        using var flags = finite.cpu();
        var step = Array.IndexOf(flags.data<bool>().ToArray(), false);
        if (step < 0) return;
        throw new InvalidOperationException(
            $"Sampling diverged at step {step} (t = {grid.Times[step]:0.####}): the state holds NaN or Inf. " +
            "With CADS, raise psi toward 1 (rescaling keeps the noisy condition's scale) or use a smaller noise scale s; " +
            "with plain guidance, lower w.");
    }
}
