using Cads.Denoisers;
using Cads.Runtime;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling.Support;

/// <summary>
/// The exact denoiser of x0 ~ N(mu, s0^2 I): z_t ~ N(alpha mu, (alpha^2 s0^2 + sigma^2) I) and
/// E[x0 | z_t] = mu + alpha s0^2 / (alpha^2 s0^2 + sigma^2) (z_t - alpha mu).
/// </summary>
sealed class GaussianDenoiser(NoiseSchedule schedule, double[] mu, double s0) : IDenoiser
{
    public NoiseSchedule Schedule { get; } = schedule;
    public double[] Mu { get; } = mu;
    public double S0 { get; } = s0;

    public Tensor Denoise(Tensor z, double t)
    {
        using var scope = NewDisposeScope();
        double alpha = Schedule.Alpha(t), sigma = Schedule.Sigma(t);
        var mean = tensor(Mu, z.dtype, z.device);
        var gain = alpha * S0 * S0 / (alpha * alpha * S0 * S0 + sigma * sigma);
        return (mean + gain * (z - alpha * mean)).MoveToOuterDisposeScope();
    }

    /// <summary>n samples of the exact marginal at t = 1, where the samplers start.</summary>
    public Tensor Marginal(long n, NoiseSchedule schedule)
    {
        using var scope = NewDisposeScope();
        double alpha = schedule.Alpha(1), sigma = schedule.Sigma(1);
        var noise = randn([n, Mu.Length], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(1234));
        var mean = tensor(Mu, ScalarType.Float64, CadsRuntime.Device);
        return (alpha * mean + Math.Sqrt(alpha * alpha * S0 * S0 + sigma * sigma) * noise).MoveToOuterDisposeScope();
    }
}
