using System.Runtime.CompilerServices;
using Cads.Images;
using Cads.Plotting;
using Cads.Runtime;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Cads.Notebooks;

/// <summary>What the second cell of every notebook calls: runtime, device, chart display.</summary>
public static class NotebookSetup
{
    /// <summary>The environment variable that shrinks sample counts (the tests set it); nothing else may differ.</summary>
    public const string QuickVariable = "CADS_QUICK";

    /// <summary>True when CADS_QUICK=1: notebooks use fewer samples and steps, the same code.</summary>
    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    /// <summary>Picks <paramref name="normal"/> or, in quick mode, <paramref name="quick"/>.</summary>
    public static int Size(int normal, int quick) => Quick ? quick : normal;

    /// <summary>
    /// Initialises the runtime (native backend, device), makes Plotly.NET charts display as offline HTML,
    /// and returns a one-line description of the runtime for the notebook to show.
    /// </summary>
    public static string Run()
    {
        CadsRuntime.Log = Console.Out; // a notebook shows stdout under the cell
        CadsRuntime.Init();
        RegisterChartFormatter();
        return CadsRuntime.Describe() + (Quick ? " (quick mode)" : "");
    }

    // Kept out of Run so that Plotly.NET (and FSharp.Core) load only after the runtime registered its redirect.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void RegisterChartFormatter()
    {
        ChartHtml.StartNewDocument();
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.ToHtml(chart)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToHtml()), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ImageGrid), HtmlFormatter.MimeType);
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToString()), PlainTextFormatter.MimeType);
        Formatter.Register<ImagePanel>((panel, writer) => writer.Write(panel.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ImagePanel>((panel, writer) => writer.Write(panel.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ImagePanel), HtmlFormatter.MimeType);
    }
}
