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

    /// <summary>
    /// <paramref name="perClass"/> labels of each class in <paramref name="classes"/>, class-major
    /// (c0 c0 ... c1 c1 ...): the layout of a grid with a row per class and of the per-class measures.
    /// </summary>
    /// <exception cref="ArgumentException">perClass &lt; 1 or a negative class.</exception>
    public static Condition PerClass(IEnumerable<int> classes, int perClass)
    {
        Validation.Check.AtLeast(perClass, 1, nameof(perClass));
        var labels = classes.SelectMany(c => c >= 0
            ? Enumerable.Repeat((long)c, perClass)
            : throw new ArgumentException($"classes must be >= 0; got {c}", nameof(classes))).ToArray();
        if (labels.Length == 0) throw new ArgumentException("classes must name at least one class", nameof(classes));
        return Classes(labels);
    }

    /// <summary><paramref name="perClass"/> labels of each class 0 ... <paramref name="classes"/> - 1, class-major.</summary>
    public static Condition PerClass(int classes, int perClass) => PerClass(Enumerable.Range(0, classes), perClass);

    /// <summary>A condition tensor [B, ...]: a vector, an embedding or an image per sample.</summary>
    public static Condition Of(Tensor value)
    {
        if (value.dim() < 2)
            throw new ArgumentException(
                $"value must have a batch dimension first, [batch, ...]; got [{string.Join(", ", value.shape)}]", nameof(value));
        return new Condition(null, value);
    }
}
