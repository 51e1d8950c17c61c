using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Denoisers;

/// <summary>
/// What to condition on, one per sample: class labels (mapped through the model's embedding, so CADS noises the
/// embedding), or a tensor used as it is: a continuous vector, an embedding or an image.
/// </summary>
public sealed class Condition
{
    /// <summary>Class labels [B], int64; null for a tensor condition.</summary>
    public Tensor? Labels { get; }

    /// <summary>The condition tensor [B, ...]; null for class labels.</summary>
    public Tensor? Value { get; }

    /// <summary>The number of samples conditioned.</summary>
    public long Batch => (Labels ?? Value)!.shape[0];

    Condition(Tensor? labels, Tensor? value)
    {
        Labels = labels;
        Value = value;
    }

    /// <summary>Class labels, one per sample.</summary>
    public static Condition Classes(params long[] labels) =>
        new(tensor(labels, ScalarType.Int64, CadsRuntime.Device).DetachFromDisposeScope(), null);

    /// <summary>Class labels [B], one per sample.</summary>
    public static Condition Classes(Tensor labels)
    {
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException(
                $"labels must be a 1-D int64 tensor [batch]; got {labels.dtype} [{string.Join(", ", labels.shape)}]", nameof(labels));
        return new Condition(labels, null);
    }

    /// <summary>A condition tensor [B, ...]: a vector, an embedding or an image per sample.</summary>
    public static Condition Of(Tensor value)
    {
        if (value.dim() < 2)
            throw new ArgumentException(
                $"value must have a batch dimension first, [batch, ...]; got [{string.Join(", ", value.shape)}]", nameof(value));
        return new Condition(null, value);
    }
}
