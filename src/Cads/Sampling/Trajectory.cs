using static TorchSharp.torch;

namespace Cads.Sampling;

/// <summary>
/// Records every step of a run, for plots: pass <see cref="Record"/> as the callback. The copies stay on the
/// sampler's device (a copy to the host at every step would make a GPU wait for each one); plotting moves them.
/// <c>var trajectory = new Trajectory(); Samplers.Euler(d, z, grid, new() { Callback = trajectory.Record });</c>
/// </summary>
public sealed class Trajectory
{
    readonly List<(double T, Tensor Z, Tensor Denoised)> _steps = [];

    /// <summary>The recorded steps: time, state z_i and denoised D(z_i; t_i).</summary>
    public IReadOnlyList<(double T, Tensor Z, Tensor Denoised)> Steps => _steps;

    /// <summary>A <see cref="StepCallback"/>.</summary>
    public void Record(Tensor z, int step, double t, Tensor denoised) =>
        _steps.Add((t, Keep(z), Keep(denoised)));

    // Copies leave the sampler's per-step scope, which would otherwise free them.
    static Tensor Keep(Tensor x) => x.detach().clone().DetachFromDisposeScope();
}
