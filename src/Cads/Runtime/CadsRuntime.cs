using TorchSharp;

namespace Cads.Runtime;

/// <summary>
/// The entry point every caller goes through before touching a tensor (CLI, tests, notebooks):
/// loads TorchSharp's native backend (with the old-libstdc++ fix where needed, large tensors on huge pages), picks the device once,
/// and seeds every generator the library uses.
/// </summary>
public static class CadsRuntime
{
    static readonly object Gate = new();
    static torch.Device? _device;
    static Random _random = new(0);

    /// <summary>Where one-line runtime notes go (device chosen, native fix applied). Defaults to standard error.</summary>
    public static TextWriter Log { get; set; } = Console.Error;

    /// <summary>The device every tensor of the library is made on. Initialises the runtime on first use.</summary>
    public static torch.Device Device => _device ?? Init();

    /// <summary>The library's own generator for host-side randomness (shuffles, subsets); reset by <see cref="Seed"/>.</summary>
    public static Random Random => _random;

    /// <summary>
    /// Loads the native backend and chooses the device: CUDA when available, else CPU;
    /// the environment variable CADS_DEVICE=cpu|cuda overrides. Idempotent.
    /// </summary>
    public static torch.Device Init()
    {
        lock (Gate)
        {
            if (_device is not null) return _device;
            HugePages.Enable();
            NativeBackend.Prepare();
            var type = DeviceChoice.Resolve(Environment.GetEnvironmentVariable(DeviceChoice.Variable), CudaAvailable());
            if (NativeBackend.Note is { } note) Log.WriteLine(note);
            _device = new torch.Device(type);
            return _device;
        }
    }

    /// <summary>Seeds torch (CPU and CUDA) and <see cref="Random"/>: the same seed gives the same tensors on the same device.</summary>
    public static void Seed(long seed)
    {
        Init();
        torch.manual_seed(seed);
        if (_device!.type == DeviceType.CUDA) torch.cuda.manual_seed_all(seed);
        _random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
    }

    /// <summary>A generator for one stream of noise on the current device, e.g. one per sample.</summary>
    public static torch.Generator Generator(long seed) => new torch.Generator((ulong)seed, Device);

    /// <summary>A one-line description: device, TorchSharp and libtorch versions.</summary>
    public static string Describe()
    {
        var device = Device;
        var torchSharp = typeof(torch).Assembly.GetName().Version;
        var gpu = device.type == DeviceType.CUDA ? $" ({torch.cuda.device_count()} GPU)" : "";
        return $"device {device.type.ToString().ToLowerInvariant()}{gpu}, TorchSharp {torchSharp?.ToString(3)}, libtorch {torch.__version__}";
    }

    static bool CudaAvailable()
    {
        try { return torch.cuda.is_available(); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException)
        {
            // With TorchSharp-cpu the CUDA probe may throw rather than answer false; the CPU backend still loads.
            torch.InitializeDeviceType(DeviceType.CPU);
            return false;
        }
    }
}
