using Cads.Denoisers;
using Cads.Schedules;
using static TorchSharp.torch;
using Cads.Validation;

namespace Cads.Sampling;

public static partial class Samplers
{
    /// <summary>
    /// DDIM (Song et al. 2021) with eta from <see cref="SamplerOptions.Eta"/>:
    /// eps = (z_t - alpha_t D) / sigma_t, c = eta sigma_s sqrt(1 - (alpha_t sigma_s / (alpha_s sigma_t))^2),
    /// z_s = alpha_s D + sqrt(sigma_s^2 - c^2) eps + c n. eta = 0 is deterministic; eta = 1 is DDPM.
    /// </summary>
    public static Tensor Ddim(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options = null)
    {
        options ??= new SamplerOptions();
        var eta = Check.NonNegative(options.Eta, "eta");
        var noise = eta > 0 ? StepNoise(options, "DDIM with eta > 0") : null;
        return Run(denoiser, z, grid, options, (zt, i, denoised) =>
        {
            double alphaT = grid.Alpha(i), sigmaT = grid.Sigma(i), alphaS = grid.Alpha(i + 1), sigmaS = grid.Sigma(i + 1);
            var eps = (zt - alphaT * denoised) / sigmaT;
            var ratio = alphaT * sigmaS / (alphaS * sigmaT);
            var c = Math.Min(eta * sigmaS * Math.Sqrt(Math.Max(0, 1 - ratio * ratio)), sigmaS);
            var next = alphaS * denoised + Math.Sqrt(sigmaS * sigmaS - c * c) * eps;
            return c == 0 ? next : next + c * noise!.Like(zt);
        });
    }
}
