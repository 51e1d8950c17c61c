namespace Cads.Data;

/// <summary>An n-dimensional array of unsigned bytes as the IDX format stores it (row-major, last dimension fastest).</summary>
public sealed class IdxArray
{
    /// <summary>Wraps <paramref name="data"/> with its <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The shape is empty, has more than 255 or non-positive dimensions, or does not match the data length.</exception>
    public IdxArray(int[] shape, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (shape.Length is < 1 or > byte.MaxValue)
            throw new ArgumentException($"shape must have 1 to 255 dimensions; got {shape.Length}.", nameof(shape));
        if (shape.Any(d => d < 0))
            throw new ArgumentException($"shape dimensions must be >= 0; got [{string.Join(", ", shape)}].", nameof(shape));
        if (ElementCount(shape) != data.Length)
            throw new ArgumentException(
                $"data has {data.Length:N0} bytes but shape [{string.Join(", ", shape)}] needs {ElementCount(shape):N0}.", nameof(data));
        Shape = shape;
        Data = data;
    }

    public int[] Shape { get; }

    public byte[] Data { get; }

    /// <summary>The number of elements a shape holds (the product of its dimensions).</summary>
    public static long ElementCount(IEnumerable<int> shape) => shape.Aggregate(1L, (n, d) => n * d);

    /// <summary>Words for a shape in error messages: "20000 images of 28x28", "20000 labels", or "2x3x4 values".</summary>
    public static string Describe(IReadOnlyList<int> shape) => shape.Count switch
    {
        1 => $"{shape[0]:N0} labels",
        3 => $"{shape[0]:N0} images of {shape[1]}x{shape[2]}",
        _ => $"{string.Join("x", shape)} values",
    };
}
