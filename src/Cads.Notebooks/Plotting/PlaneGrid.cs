using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Plotting;

/// <summary>A square grid over [lo, hi]^2 in the plane, for evaluating a density or a field once, vectorised.</summary>
public sealed class PlaneGrid
{
    /// <summary>The coordinates along each axis, lo ... hi.</summary>
    public double[] Axis { get; }

    /// <param name="lo">The lower bound of both axes.</param>
    /// <param name="hi">The upper bound of both axes.</param>
    /// <param name="resolution">Points per axis.</param>
    public PlaneGrid(double lo = -3, double hi = 3, int resolution = 100)
    {
        if (!(hi > lo) || resolution < 2)
            throw new ArgumentException($"need lo < hi and resolution >= 2; got [{lo}, {hi}], {resolution}", nameof(resolution));
        Axis = Enumerable.Range(0, resolution).Select(i => lo + (hi - lo) * i / (resolution - 1)).ToArray();
    }

    /// <summary>The points [R * R, 2] in row-major order (y outer, x inner), float64 on the runtime's device.</summary>
    public Tensor Points()
    {
        using var scope = NewDisposeScope();
        var axis = tensor(Axis, ScalarType.Float64, CadsRuntime.Device);
        var mesh = meshgrid([axis, axis], indexing: "xy"); // mesh[0][i, j] = x_j, mesh[1][i, j] = y_i
        return stack([mesh[0].flatten(), mesh[1].flatten()], 1).MoveToOuterDisposeScope();
    }

    /// <summary>Values [R * R] at <see cref="Points"/> as rows z[i][j] at (x_j, y_i), what contour and heatmap traces take.</summary>
    public double[][] Rows(Tensor values)
    {
        var flat = values.to(ScalarType.Float64).cpu().data<double>().ToArray();
        var n = Axis.Length;
        return Enumerable.Range(0, n).Select(i => flat.AsSpan(i * n, n).ToArray()).ToArray();
    }
}
