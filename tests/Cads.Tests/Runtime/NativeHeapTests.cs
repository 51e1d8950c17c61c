using Cads.Annealing;
using Cads.Denoisers;
using Cads.Noise;
using Cads.Runs;
using Cads.ImageWorld;
using Cads.Runtime;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Runtime;

/// <summary>
/// Notebook kernels hand freed native memory back between sampler steps, and the U-Net frees each activation as soon
/// as the next layer has used it: neither may change a single sample.
/// </summary>
public class NativeHeapTests
{
    [Fact]
    public void Trimming_the_heap_between_steps_leaves_the_samples_bit_identical()
    {
        var model = UNet.LoadShipped();
        // A few steps, CFG + CADS, at a batch where a U-Net step frees tens of MB: long enough for trims to happen.
        var run = new GuidedRun { W = 4, Cads = new CadsSettings(Tau1: 0.6, Tau2: 0.9, NoiseScale: 0.25, Psi: 1), Sampler = "ddim", Steps = 4, Seeds = new SeedPolicy(7) };
        var classes = Condition.PerClass(model.Classes, 8);
        using var plain = run.Sample(model.Denoiser, classes);
        try
        {
            NativeHeap.TrimBetweenSteps();
            Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.TrimsBetweenSteps); // glibc on the project's machines
            using var trimmed = run.Sample(model.Denoiser, classes);
            TensorAssert.Equal(plain, trimmed, "samples without vs with trims between steps");
        }
        finally
        {
            NativeHeap.TrimBetweenSteps(on: false);
        }
        Assert.False(NativeHeap.TrimsBetweenSteps);
    }

    [Fact]
    public void The_unet_gives_the_same_output_with_autograd_on_and_off()
    {
        // With autograd on the graph keeps what backward needs, so the activations it frees early must not matter.
        var model = UNet.LoadShipped();
        var generator = CadsRuntime.Generator(3);
        var x = randn([6, 1, 28, 28], generator: generator, device: CadsRuntime.Device);
        var t = rand([6], generator: generator, device: CadsRuntime.Device);
        var y = model.Embed(arange(6, ScalarType.Int64, CadsRuntime.Device));
        Tensor off;
        using (no_grad()) off = model.forward(x, t, y);
        var on = model.forward(x.requires_grad_(), t, y);
        TensorAssert.Equal(off, on.detach(), "U-Net output with autograd off vs on");
        on.sum().backward();
        Assert.True(x.grad is { } grad && grad.abs().sum().item<float>() > 0, "no gradient reached the input");
    }
}
