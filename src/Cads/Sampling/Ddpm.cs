using Cads.Denoisers;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Sampling;

public static partial class Samplers
{
    /// <summary>
    /// DDPM's ancestral sampler (Ho et al. 2020): z_s ~ q(z_s | z_t, x0 = D(z_t; t)) for s &lt; t, the Gaussian posterior
    /// with alpha_ts = alpha_t / alpha_s, sigma_ts^2 = sigma_t^2 - alpha_ts^2 sigma_s^2:
    /// mean = alpha_ts sigma_s^2 / sigma_t^2 z_t + alpha_s sigma_ts^2 / sigma_t^2 D, variance = sigma_ts^2 sigma_s^2 / sigma_t^2.
    /// </summary>
    public static Tensor Ddpm(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options = null)
    {
        var noise = StepNoise(options, "DDPM");
        return Run(denoiser, z, grid, options, (zt, i, denoised) =>
        {
            double alphaT = grid.Alpha(i), sigmaT = grid.Sigma(i), alphaS = grid.Alpha(i + 1), sigmaS = grid.Sigma(i + 1);
            var alphaTs = alphaT / alphaS;
            var sigmaTs2 = sigmaT * sigmaT - alphaTs * alphaTs * sigmaS * sigmaS;
            var mean = alphaTs * sigmaS * sigmaS / (sigmaT * sigmaT) * zt + alphaS * sigmaTs2 / (sigmaT * sigmaT) * denoised;
            if (sigmaS == 0) return mean;
            return mean + Math.Sqrt(sigmaTs2) * sigmaS / sigmaT * noise.Like(zt);
        });
    }
}
