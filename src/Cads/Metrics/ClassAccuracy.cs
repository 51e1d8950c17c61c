using static TorchSharp.torch;

namespace Cads.Metrics;

/// <summary>
/// Class accuracy of conditional samples: the fraction the classifier assigns to the class they were asked for,
/// (1/N) sum_i 1[argmax_y p(y|x_i) = c_i]. It measures condition alignment, not image quality.
/// </summary>
public static class ClassAccuracy
{
    /// <summary>The fraction of <paramref name="predicted"/> [N] equal to <paramref name="requested"/> [N] (integer labels).</summary>
    /// <exception cref="ArgumentException">The shapes are not both [N] with N &gt;= 1.</exception>
    public static double Measure(Tensor predicted, Tensor requested)
    {
        if (predicted.dim() != 1 || predicted.shape[0] < 1)
            throw new ArgumentException($"predicted must have shape [N], N >= 1; got [{string.Join(", ", predicted.shape)}]", nameof(predicted));
        if (requested.shape is not [var n] || n != predicted.shape[0])
            throw new ArgumentException($"requested must have shape [{predicted.shape[0]}] to match predicted; got [{string.Join(", ", requested.shape)}]", nameof(requested));
        using var scope = NewDisposeScope();
        var hits = predicted.eq(requested.to(predicted.device)).sum().item<long>();
        return hits / (double)n;
    }
}
