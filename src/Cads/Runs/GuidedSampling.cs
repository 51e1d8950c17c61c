using Cads.Denoisers;
using Cads.Guidance;
using Cads.Sampling;
using static TorchSharp.torch;

namespace Cads.Runs;

/// <summary>Runs a <see cref="GuidedRun"/>: the one function behind every sample of the collection.</summary>
public static class GuidedSampling
{
    /// <summary>
    /// Samples <paramref name="condition"/>.Batch samples from <paramref name="denoiser"/> as <paramref name="run"/>
    /// says, in the order of the paper's Algorithm 1 (CADS): draw z at t = 1; then at every time of the grid anneal
    /// the condition (gamma(t), y_hat = sqrt(gamma) y + s sqrt(1 - gamma) n, rescale, mix with psi), guide with it,
    /// and take one sampler step. The callback sees every step.
    /// </summary>
    /// <returns>x [B, ..SampleShape] at t = 0.</returns>
    /// <exception cref="ArgumentException">A setting out of range, or a condition that does not fit the model.</exception>
    public static Tensor Sample(this GuidedRun run, ConditionalDenoiser denoiser, Condition condition, StepCallback? callback = null)
    {
        run.Validate();
        var grid = run.TimeGrid(denoiser.Schedule);
        var noise = run.Seeds.For(condition.Batch);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // z_1 ~ N(0, sigma(1)^2 I), from the run's starting stream.
        var z = grid.InitialNoise([condition.Batch, .. denoiser.Model.SampleShape], noise.Initial);
        // At each step: y_final from CADS's own stream, then CFG (or Autoguidance) with it.
        var guided = new Cfg(denoiser, condition, run.W, run.Convention)
        {
            Schedule = run.WeightSchedule,
            Cads = run.Cads?.Transform(noise.Cads, grid),
            Guide = run.Guide,
        };
        // The sampler's steps t_0 = 1 > ... > t_N = 0, with its own noise stream.
        var x = SamplerCatalog.Get(run.Sampler).Sample(guided, z, grid,
            new SamplerOptions { Noise = noise.Sampler, Eta = run.Eta, Callback = callback });
        return x.MoveToOuterDisposeScope();
    }
}
