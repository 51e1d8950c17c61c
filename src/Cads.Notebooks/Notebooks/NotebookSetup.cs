using System.Runtime.CompilerServices;
using Cads.Images;
using Cads.Plotting;
using Cads.Runtime;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace Cads.Notebooks;

/// <summary>What the second cell of every notebook calls: a fresh library, runtime and device, chart and image display.</summary>
public static class NotebookSetup
{
    /// <summary>The environment variable that shrinks sample counts; nothing else may differ.</summary>
    public const string QuickVariable = "CADS_QUICK";

    /// <summary>True when CADS_QUICK=1: notebooks use fewer samples and steps, the same code.</summary>
    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    /// <summary>Picks <paramref name="normal"/> or, in quick mode, <paramref name="quick"/>.</summary>
    public static int Size(int normal, int quick) => Quick ? quick : normal;

    /// <summary>
    /// Stops with a clear message when the library on disk was rebuilt after this kernel loaded it; then initialises the
    /// runtime (native backend, device, native heap trimmed between sampler steps), makes Plotly.NET charts and image
    /// grids display as offline HTML, and returns a one-line description of the runtime for the notebook to show.
    /// </summary>
    /// <exception cref="InvalidOperationException">Cads.dll or Cads.Notebooks.dll changed on disk since this kernel first loaded it.</exception>
    public static string Run()
    {
        LibraryFreshness.ThrowIfRebuilt(typeof(CadsRuntime).Assembly.Location, typeof(NotebookSetup).Assembly.Location);
        FSharpCoreRedirect.Register();
        CadsRuntime.Log = Console.Out; // a notebook shows stdout under the cell
        CadsRuntime.Init();
        // A kernel lives as long as the reading session: freed activations go back to the system between sampler
        // steps instead of piling up in glibc's fragmented heaps (notebook 05: 2.6 GB resident without, 1.1 GB with).
        NativeHeap.TrimBetweenSteps();
        RegisterFormatters();
        return CadsRuntime.Describe() + (Quick ? " (quick mode)" : "");
    }

    // Kept out of Run so that Plotly.NET (and FSharp.Core) load only after the redirect is registered.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void RegisterFormatters()
    {
        ChartHtml.StartNewDocument();
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.ToHtml(chart)), HtmlFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), HtmlFormatter.MimeType);
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(ImageHtml.ToHtml(grid)), HtmlFormatter.MimeType);
        Formatter.Register<ImageGrid>((grid, writer) => writer.Write(grid.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ImageGrid), HtmlFormatter.MimeType);
        Formatter.Register<ImagePanel>((panel, writer) => writer.Write(ImageHtml.ToHtml(panel)), HtmlFormatter.MimeType);
        Formatter.Register<ImagePanel>((panel, writer) => writer.Write(panel.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ImagePanel), HtmlFormatter.MimeType);
        Formatter.Register<Statements>((statements, writer) => writer.Write(statements.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<Statements>((statements, writer) => writer.Write(statements.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(Statements), HtmlFormatter.MimeType);
        Formatter.Register<ExerciseResult>((result, writer) => writer.Write(result.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<ExerciseResult>((result, writer) => writer.Write(result.ToString()), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(ExerciseResult), HtmlFormatter.MimeType);
    }
}
