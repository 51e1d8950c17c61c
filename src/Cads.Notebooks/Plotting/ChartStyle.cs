using Plotly.NET;
using Plotly.NET.CSharp;

namespace Cads.Plotting;

/// <summary>
/// The project's one figure style, as fluent C# calls. No FSharp.Core type (FSharpOption, FSharpFunc) may appear in
/// these calls: in the .NET Interactive kernel this assembly binds to another FSharp.Core than Plotly.NET does, and
/// any such call fails with MissingMethodException (environment.md, "Notebook kernel").
/// </summary>
public static class ChartStyle
{
    /// <summary>Sets the chart title (plotly.js's layout.title.text; HTML such as &lt;br&gt; and &lt;sub&gt; works).</summary>
    public static GenericChart WithTitle(this GenericChart chart, string title)
    {
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", new Dictionary<string, object> { ["text"] = title });
        return GenericChart.setLayout(layout, chart);
    }

    /// <summary>Labels both axes (use the paper's symbols, e.g. "w", "t", "FID").</summary>
    public static GenericChart WithAxisTitles(this GenericChart chart, string x, string y) =>
        chart.WithXAxisStyle<double, double, string>(TitleText: x).WithYAxisStyle<double, double, string>(TitleText: y);
}
