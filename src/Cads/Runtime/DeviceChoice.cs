using TorchSharp;

namespace Cads.Runtime;

/// <summary>The one place that decides where tensors live: CUDA when available, else CPU; CADS_DEVICE overrides.</summary>
public static class DeviceChoice
{
    /// <summary>The environment variable that overrides the automatic choice.</summary>
    public const string Variable = "CADS_DEVICE";

    /// <summary>
    /// Decides the device type from the requested value (null or empty: automatic) and whether CUDA works here.
    /// </summary>
    /// <exception cref="ArgumentException">The request is neither cpu nor cuda.</exception>
    /// <exception cref="InvalidOperationException">cuda was requested where it is unavailable.</exception>
    public static DeviceType Resolve(string? requested, bool cudaAvailable)
    {
        switch (requested?.Trim().ToLowerInvariant())
        {
            case null or "" or "auto":
                return cudaAvailable ? DeviceType.CUDA : DeviceType.CPU;
            case "cpu":
                return DeviceType.CPU;
            case "cuda" or "gpu":
                if (!cudaAvailable)
                    throw new InvalidOperationException(
                        $"{Variable}=cuda, but TorchSharp sees no usable CUDA device. A GPU needs the backend package " +
                        "TorchSharp-cuda-linux 0.107.0 (in place of TorchSharp-cpu) and an NVIDIA driver for CUDA 12.8; " +
                        "see environment.md. Unset CADS_DEVICE or set it to cpu to run on the CPU.");
                return DeviceType.CUDA;
            default:
                throw new ArgumentException(
                    $"{Variable} must be one of cpu, cuda or auto (unset); got '{requested}'.", Variable);
        }
    }
}
