using Cads.ImageWorld;
using Cads.Runtime;
using Cads.Tests.Sampling.Support;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cads.Tests.ImageWorld;

/// <summary>
/// The convolution that pads a layer's output channels to 16 while training (oneDNN's backward pass returned NaN
/// input gradients through a padded channel block on an AVX-512 CPU).
/// </summary>
public class SafeConvolutionTests
{
    public static TheoryData<string> Layers => ["conv 16->1 3x3", "conv 16->8 1x1", "conv 8->24 3x3 stride 2", "transposed 16->8 2x2 stride 2"];

    static Convolution Layer(string name) => name switch
    {
        "conv 16->1 3x3" => nn.Conv2d(16, 1, 3, padding: 1, dtype: float64),
        "conv 16->8 1x1" => nn.Conv2d(16, 8, 1, dtype: float64),
        "conv 8->24 3x3 stride 2" => nn.Conv2d(8, 24, 3, stride: 2, padding: 1, dtype: float64),
        _ => nn.ConvTranspose2d(16, 8, 2, stride: 2, dtype: float64),
    };

    // In float64 libtorch does not use oneDNN, so the layer's own forward and backward are the reference.
    [Theory]
    [MemberData(nameof(Layers))]
    public void Padding_the_output_channels_changes_neither_the_output_nor_any_gradient(string name)
    {
        CadsRuntime.Seed(3);
        using var layer = Layer(name);
        var inChannels = layer.in_channels;
        var x = randn([4, inChannels, 12, 12], float64);
        var (expected, expectedGrads) = OutputAndGradients(layer, x, layer.forward);
        var (actual, actualGrads) = OutputAndGradients(layer, x, input => SafeConvolution.Forward(layer, input));
        TensorAssert.Close(expected, actual, 1e-12, 1e-12, $"{name}: output");
        foreach (var (what, e, a) in new[] { "input", "weight", "bias" }.Zip(expectedGrads, actualGrads))
            TensorAssert.Close(e, a, 1e-12, 1e-12, $"{name}: gradient of the {what}");
    }

    static (Tensor Output, Tensor[] Gradients) OutputAndGradients(Convolution layer, Tensor x, Func<Tensor, Tensor> forward)
    {
        layer.zero_grad();
        var input = x.clone().requires_grad_();
        var output = forward(input);
        // A fixed cotangent that weights every output differently, so a dropped or shifted channel shows.
        (output * arange(output.numel(), float64).view(output.shape).sin()).sum().backward();
        return (output.detach(), [input.grad!.clone(), layer.weight!.grad!.clone(), layer.bias!.grad!.clone()]);
    }

    [Fact]
    public void Without_gradients_the_layer_runs_as_it_is()
    {
        using var layer = nn.Conv2d(16, 1, 3, padding: 1);
        var x = randn(2, 16, 8, 8);
        using var noGrad = no_grad();
        TensorAssert.Equal(layer.forward(x), SafeConvolution.Forward(layer, x), "output without gradients");
    }

    // On the AVX-512 machine (AMD EPYC), run alone, every loss after the first was NaN before the padding; the NaN
    // comes from uninitialised padding, so in some test orders it does not show (LowResUNetTests' training always did).
    [Fact]
    public void An_eight_channel_unet_trains_to_finite_losses_in_float32()
    {
        CadsRuntime.Seed(42);
        var images = (rand(32, 1, 28, 28) * 2 - 1).clamp(-1, 1);
        var options = new DenoiserTrainingOptions { Steps = 4, BatchSize = 8, Seed = 5 };
        var (model, losses) = DenoiserTraining.Train(images, arange(32) % 10, options, createModel: () => new UNet(channels: 8, embeddingDim: 16));
        using (model)
            Assert.True(losses.All(double.IsFinite), $"losses {string.Join(", ", losses)}");
    }
}
