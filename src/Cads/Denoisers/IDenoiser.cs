using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Denoisers;

/// <summary>
/// What samplers call: D(z; t), the estimate of E[x0 | z_t = z] (Tweedie), with any condition and guidance already
/// bound. All samples of a batch share t.
/// </summary>
public interface IDenoiser
{
    /// <summary>The schedule z_t = alpha(t) x0 + sigma(t) eps that the states follow.</summary>
    NoiseSchedule Schedule { get; }

    /// <summary>The denoised estimate D(z; t), shaped like z.</summary>
    Tensor Denoise(Tensor z, double t);
}
