using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.CSharp;

namespace Cads.Plotting;

/// <summary>The project's one figure style, as fluent C# calls over Plotly.NET's F# API.</summary>
public static class ChartStyle
{
    /// <summary>Sets the chart title.</summary>
    public static GenericChart WithTitle(this GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, FSharpOption<Font>.None).Invoke(chart);

    /// <summary>Labels both axes (use the paper's symbols, e.g. "w", "t", "FID").</summary>
    public static GenericChart WithAxisTitles(this GenericChart chart, string x, string y) =>
        chart.WithXAxisStyle<double, double, string>(TitleText: x).WithYAxisStyle<double, double, string>(TitleText: y);
}
