using Cads.Plotting;
using Cads.Runtime;
using Cads.Schedules;
using Cads.TwoD;
using Plotly.NET;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class PlotTests
{
    [Fact]
    public void Plane_charts_carry_one_trace_per_class_plus_background_and_segments()
    {
        using var scope = NewDisposeScope();
        var world = MixturePresets.TwoClasses();
        var noised = world.At(new VpCosineSchedule(), 0.3);
        var (x, labels) = world.Sample(200, 1);
        var samples = PlaneCharts.SamplesOverDensity(x, labels, noised.LogDensity, new PlaneGrid(-2.5, 2.5, 40));
        Assert.Equal(3, GenericChart.getTraces(samples).Length); // contour + 2 classes
        var field = PlaneCharts.Field(z => noised.Score(z), new PlaneGrid(-2, 2, 11));
        var json = GenericChart.toFigureJson(field);
        Assert.Contains("NaN", json); // segment breaks
        var states = stack([x * 3, x * 2, x], 0);
        var paths = PlaneCharts.Trajectories(states, labels);
        Assert.Equal(2, GenericChart.getTraces(paths).Length);
        var grid = PlaneCharts.SmallMultiples([("w = 1", samples), ("w = 4", paths), ("field", field)], columns: 2);
        Assert.Contains("w = 4", GenericChart.toFigureJson(grid));
    }
}
