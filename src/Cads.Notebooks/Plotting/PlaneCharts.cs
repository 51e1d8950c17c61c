using Plotly.NET;
using Plotly.NET.CSharp;
using static TorchSharp.torch;
using Chart = Plotly.NET.CSharp.Chart;

namespace Cads.Plotting;

/// <summary>
/// Charts of the 2-D world: class-coloured samples over a density, vector fields as segments, trajectories over t and
/// small multiples. Tensors cross to the host once each (one .cpu() per tensor, never per element).
/// </summary>
public static class PlaneCharts
{
    static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    /// <summary>The colour of class c (cycling through eight).</summary>
    public static Color ClassColor(long c) => Color.fromString(Palette[c % Palette.Length]);

    /// <summary>
    /// Samples [N, 2] coloured by class labels [N], over the contours of exp(logDensity) on <paramref name="grid"/>
    /// (e.g. <c>world.At(schedule, t).LogDensity</c>); no background when logDensity is null.
    /// </summary>
    public static GenericChart SamplesOverDensity(Tensor samples, Tensor labels, Func<Tensor, Tensor>? logDensity = null, PlaneGrid? grid = null)
    {
        var charts = new List<GenericChart>();
        if (logDensity is not null) charts.Add(Density(logDensity, grid ?? new PlaneGrid()));
        var xy = samples.to(ScalarType.Float64).cpu().data<double>().ToArray();
        var classes = labels.cpu().data<long>().ToArray();
        foreach (var c in classes.Distinct().Order())
        {
            var mine = Enumerable.Range(0, classes.Length).Where(i => classes[i] == c).ToArray();
            charts.Add(Chart.Point<double, double, string>(
                x: mine.Select(i => xy[2 * i]).ToArray(), y: mine.Select(i => xy[2 * i + 1]).ToArray(),
                Name: $"class {c}", MarkerColor: ClassColor(c), Opacity: 0.6));
        }
        return Chart.Combine(charts);
    }

    /// <summary>The contours of exp(logDensity) over the grid.</summary>
    public static GenericChart Density(Func<Tensor, Tensor> logDensity, PlaneGrid grid)
    {
        using var scope = NewDisposeScope();
        var z = grid.Rows(logDensity(grid.Points()).exp());
        return Chart.Contour<double, double, double, string>(zData: z, X: grid.Axis, Y: grid.Axis, Name: "density", ShowScale: false,
            ColorScale: StyleParam.Colorscale.Greys, ReverseScale: true, Opacity: 0.5);
    }

    /// <summary>
    /// A quiver-like plot of a vector field (a score, a guidance term D(z|y) - D(z|null), ...) f: [M, 2] to [M, 2]:
    /// one segment per grid point, lengths scaled so that the longest spans one cell (directions and relative sizes
    /// are what matter; a marker shows each base).
    /// </summary>
    public static GenericChart Field(Func<Tensor, Tensor> field, PlaneGrid? grid = null, string name = "field", string color = "#444444")
    {
        grid ??= new PlaneGrid(resolution: 21);
        using var scope = NewDisposeScope();
        var points = grid.Points();
        var vectors = field(points).to(ScalarType.Float64);
        var cell = grid.Axis[1] - grid.Axis[0];
        var tips = points + vectors * (cell / vectors.norm(1).max().clamp_min(1e-300));
        var p = points.cpu().data<double>().ToArray();
        var q = tips.cpu().data<double>().ToArray();
        // One trace; NaN coordinates (serialised as non-numbers, which plotly.js skips) break the line between segments.
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < p.Length / 2; i++)
        {
            xs.AddRange([p[2 * i], q[2 * i], double.NaN]);
            ys.AddRange([p[2 * i + 1], q[2 * i + 1], double.NaN]);
        }
        var segments = Chart.Line<double, double, string>(x: xs, y: ys, Name: name, LineColor: Color.fromString(color), LineWidth: 1.5);
        var bases = Chart.Point<double, double, string>(
            x: Enumerable.Range(0, p.Length / 2).Select(i => p[2 * i]).ToArray(), y: Enumerable.Range(0, p.Length / 2).Select(i => p[2 * i + 1]).ToArray(),
            Name: name, ShowLegend: false, MarkerColor: Color.fromString(color), Opacity: 0.5);
        return Chart.Combine([segments, bases]);
    }

    /// <summary>
    /// Paths of the states z_t from t = 1 to t = 0, coloured by class: <paramref name="states"/> [T, N, 2] (T times, e.g.
    /// stacked from a <see cref="Sampling.Trajectory"/>), labels [N]; one trace per class.
    /// </summary>
    public static GenericChart Trajectories(Tensor states, Tensor labels)
    {
        var steps = (int)states.shape[0];
        var n = (int)states.shape[1];
        var s = states.to(ScalarType.Float64).cpu().data<double>().ToArray(); // index (k * n + i) * 2 + d
        var classes = labels.cpu().data<long>().ToArray();
        var charts = new List<GenericChart>();
        foreach (var c in classes.Distinct().Order())
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var i in Enumerable.Range(0, n).Where(i => classes[i] == c))
            {
                for (var k = 0; k < steps; k++)
                {
                    xs.Add(s[(k * n + i) * 2]);
                    ys.Add(s[(k * n + i) * 2 + 1]);
                }
                xs.Add(double.NaN);
                ys.Add(double.NaN);
            }
            charts.Add(Chart.Line<double, double, string>(x: xs, y: ys, Name: $"class {c}", LineColor: ClassColor(c), LineWidth: 1, Opacity: 0.5));
        }
        return Chart.Combine(charts);
    }

    /// <summary>Panels in a grid of <paramref name="columns"/> columns, one title each (e.g. one per w or per t).</summary>
    public static GenericChart SmallMultiples(IReadOnlyList<(string Title, GenericChart Chart)> panels, int columns)
    {
        if (panels.Count == 0 || columns < 1) throw new ArgumentException($"need panels and columns >= 1; got {panels.Count} panels, {columns} columns", nameof(panels));
        var rows = (panels.Count + columns - 1) / columns;
        return Chart.Grid(panels.Select(p => p.Chart), rows, columns, SubPlotTitles: panels.Select(p => p.Title).ToArray());
    }
}
