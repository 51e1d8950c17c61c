using static TorchSharp.torch;

namespace Cads.Tests.Sampling.Support;

static class TensorAssert
{
    /// <summary>Same shape and bit-for-bit the same values.</summary>
    public static bool Identical(this Tensor a, Tensor b) =>
        a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
