using Cads.Denoisers;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Sampling;

public static partial class Samplers
{
    /// <summary>
    /// DPM-Solver++(2M) (Lu et al. 2022), multistep second order in lambda = log(alpha/sigma), h = lambda_s - lambda_t:
    /// z_s = (sigma_s / sigma_t) z_t + alpha_s (1 - e^-h) D', where D' = (1 + 1/(2r)) D_t - 1/(2r) D_prev with
    /// r = h_prev / h; D' = D_t on the first step and on the last one (to sigma = 0).
    /// </summary>
    public static Tensor DpmSolverPlusPlus2M(IDenoiser denoiser, Tensor z, TimeGrid grid, SamplerOptions? options = null)
    {
        Tensor? previous = null;
        try
        {
            return Run(denoiser, z, grid, options, (zt, i, denoised) =>
            {
                double sigmaT = grid.Sigma(i), sigmaS = grid.Sigma(i + 1), alphaS = grid.Alpha(i + 1);
                Tensor next;
                if (sigmaS == 0) next = alphaS * denoised;
                else
                {
                    var h = grid.Schedule.Lambda(grid.Times[i + 1]) - grid.Schedule.Lambda(grid.Times[i]);
                    var d = denoised;
                    if (previous is not null)
                    {
                        var r = (grid.Schedule.Lambda(grid.Times[i]) - grid.Schedule.Lambda(grid.Times[i - 1])) / h;
                        d = (1 + 1 / (2 * r)) * denoised - 1 / (2 * r) * previous;
                    }
                    next = sigmaS / sigmaT * zt - alphaS * double.ExpM1(-h) * d;
                }
                // D_t is needed at the next step, past this step's dispose scope.
                previous?.Dispose();
                previous = denoised.alias().MoveToOuterDisposeScope();
                return next;
            });
        }
        finally { previous?.Dispose(); }
    }
}
