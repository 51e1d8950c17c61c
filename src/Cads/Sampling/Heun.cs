using Cads.Denoisers;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Sampling;

public static partial class Samplers
{
    /// <summary>
    /// Heun's second-order method on the probability-flow ODE (Karras et al. 2022, Algorithm 1, deterministic):
    /// an Euler step to sigma~_s, then the average of the slopes at both ends; the last step, to sigma~ = 0, stays Euler.
    /// Two denoiser calls per step but the last.
    /// </summary>
    public static Tensor Heun(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options = null) =>
        Run(denoiser, z, grid, options, (zt, i, denoised) =>
        {
            double sigmaT = grid.EdmSigma(i), sigmaS = grid.EdmSigma(i + 1), alphaS = grid.Alpha(i + 1);
            var x = zt / grid.Alpha(i);
            var slope = (x - denoised) / sigmaT;
            var euler = x + (sigmaS - sigmaT) * slope;
            if (sigmaS == 0) return alphaS * euler;
            var slopeS = (euler - denoiser.Denoise(alphaS * euler, grid.Times[i + 1])) / sigmaS;
            return alphaS * (x + (sigmaS - sigmaT) * 0.5 * (slope + slopeS));
        });
}
