using System.Diagnostics;
using Cads.Denoisers;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.Benchmarks;

/// <summary>
/// A model that adds up the time spent inside its forward, so a whole sampling loop can be set against the network
/// work it contains. On CUDA it synchronises around each forward, or the time would land wherever the queue drains.
/// </summary>
internal sealed class TimedModel(IDiffusionModel inner) : IDiffusionModel
{
    public TimeSpan ForwardTime { get; private set; }
    public int Forwards { get; private set; }

    public Prediction Prediction => inner.Prediction;
    public long[] SampleShape => inner.SampleShape;
    public long[] ConditionShape => inner.ConditionShape;
    public Tensor Embed(Tensor labels) => inner.Embed(labels);
    public Tensor NullCondition(long batch) => inner.NullCondition(batch);

    public Tensor Forward(Tensor x, Tensor t, Tensor condition) => Timed(x.device, () => inner.Forward(x, t, condition));

    // The samplers call this one: passed through, so the wrapped model keeps its own scalar-time forward.
    public Tensor Forward(Tensor x, double t, Tensor condition) => Timed(x.device, () => inner.Forward(x, t, condition));

    Tensor Timed(Device device, Func<Tensor> forward)
    {
        Synchronize(device);
        var clock = Stopwatch.StartNew();
        var output = forward();
        Synchronize(device);
        ForwardTime += clock.Elapsed;
        Forwards++;
        return output;
    }

    public void Reset() => (ForwardTime, Forwards) = (TimeSpan.Zero, 0);

    internal static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA) cuda.synchronize();
    }
}
