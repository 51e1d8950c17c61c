using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Cads.ImageWorld;

/// <summary>
/// Runs a convolution so that training does not meet a libtorch 2.10 CPU failure. Its oneDNN convolution lays
/// channels out in blocks of 8 (AVX2) or 16 (AVX-512) and pads a layer whose output channels are not a multiple of
/// the block; the backward pass through such a layer returned NaN input gradients for finite inputs, at random. On
/// an AVX-512 machine (AMD EPYC) the shipped U-Net's last layer (16 channels to 1) and every layer of the 8-channel
/// weak U-Net did so, and training turned NaN at its second step. While gradients are recorded on the CPU, the layer
/// runs with zero filters appended up to a multiple of 16 output channels and the extra outputs dropped: the same
/// function and the same gradients, with no padded block. Without gradients (sampling) the layer runs as it is.
/// </summary>
static class SafeConvolution
{
    const long Block = 16;

    /// <summary><paramref name="layer"/>(<paramref name="x"/>) for a Conv2d or a ConvTranspose2d.</summary>
    public static Tensor Forward(Convolution layer, Tensor x)
    {
        var outChannels = layer.out_channels;
        if (outChannels % Block == 0 || layer.groups != 1 || x.device_type != DeviceType.CPU || !is_grad_enabled())
            return layer.forward(x);
        using var scope = NewDisposeScope();
        var extra = Block - outChannels % Block;
        // A convolution's filters are [out, in, k, k]; a transposed one's [in, out, k, k].
        var outDim = layer.transposed ? 1 : 0;
        var weightShape = layer.weight!.shape.ToArray();
        weightShape[outDim] = extra;
        var weight = cat([layer.weight, zeros(weightShape, layer.weight.dtype, layer.weight.device)], outDim);
        var bias = layer.bias is { } b ? cat([b, zeros(extra, b.dtype, b.device)]) : null;
        var y = layer.transposed
            ? nn.functional.conv_transpose2d(x, weight, bias, layer.stride, layer.padding, layer.output_padding, layer.dilation, 1)
            : nn.functional.conv2d(x, weight, bias, layer.stride, layer.padding, layer.dilation, 1);
        return y[.., ..(int)outChannels].MoveToOuterDisposeScope();
    }
}
