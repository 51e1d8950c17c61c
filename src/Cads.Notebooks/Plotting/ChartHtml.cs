using System.Text;
using Plotly.NET;

namespace Cads.Plotting;

/// <summary>
/// Turns a Plotly.NET chart into notebook HTML that draws without a network: the first chart of a document
/// carries plotly.js inline (Plotly.NET ships it as a resource), later charts wait for it.
/// </summary>
public static class ChartHtml
{
    static readonly Lazy<string> PlotlyJs = new(ReadPlotlyJs);
    static bool _embedded;

    // The resource holding the plotly.js that Plotly.NET ships (its name carries the version).
    static string PlotlyJsResource =>
        typeof(GenericChart).Assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js"));

    /// <summary>Call when a new document (notebook run, page) starts, so that its first chart embeds plotly.js again.</summary>
    public static void StartNewDocument() => _embedded = false;

    /// <summary>A div and a script that draw the chart; the first call per document also defines window.Plotly.</summary>
    public static string ToHtml(GenericChart chart)
    {
        var id = "cads-plot-" + Guid.NewGuid().ToString("N")[..12];
        var html = new StringBuilder();
        if (!_embedded)
        {
            // Closing-tag text inside the minified library would end the script element early.
            html.Append("<script type=\"text/javascript\">").Append(PlotlyJs.Value.Replace("</script", "<\\/script")).Append("</script>");
            _embedded = true;
        }
        html.Append($"<div id=\"{id}\"></div>");
        html.Append("<script type=\"text/javascript\">(function(){var fig=")
            .Append(GenericChart.toFigureJson(chart).Replace("</", "<\\/"))
            // Outputs may render out of order (VS Code): retry until the embedded library has run.
            .Append($";function draw(){{if(window.Plotly){{Plotly.newPlot('{id}',fig.data,fig.layout,Object.assign({{responsive:true}},fig.config||{{}}));}}else{{setTimeout(draw,50);}}}}draw();}})();</script>");
        return html.ToString();
    }

    static string ReadPlotlyJs()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(PlotlyJsResource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
