using Cads.Denoisers;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Sampling;

public static partial class Samplers
{
    /// <summary>
    /// Euler on the probability-flow ODE in EDM form (Karras et al. 2022): with x = z / alpha and sigma~ = sigma / alpha,
    /// dx/dsigma~ = (x - D) / sigma~, one step x_s = x_t + (sigma~_s - sigma~_t) (x_t - D) / sigma~_t.
    /// </summary>
    public static Tensor Euler(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options = null) =>
        Run(denoiser, z, grid, options, (zt, i, denoised) =>
        {
            var x = zt / grid.Alpha(i);
            var slope = (x - denoised) / grid.EdmSigma(i);
            return grid.Alpha(i + 1) * (x + (grid.EdmSigma(i + 1) - grid.EdmSigma(i)) * slope);
        });
}
