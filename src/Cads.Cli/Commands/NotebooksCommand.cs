using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cads.Cli.Notebooks;
using Cads.IO;

namespace Cads.Cli.Commands;

/// <summary>
/// `cads notebooks [paths...] [--out DIR] [--html] [--quick]`: run notebooks headless in the editors' kernel and
/// summarise (cells, seconds, peak memory per notebook and for the whole run); --html also writes pages. It uses no
/// tensors itself (the kernels do), so it never loads the native library.
/// </summary>
public sealed class NotebooksCommand : Command
{
    readonly Argument<string[]> _paths = new("paths")
    {
        Description = "the notebooks to run [default: every notebook in notebooks/, in name order]",
        Arity = ArgumentArity.ZeroOrMore,
    };
    readonly Option<string> _out = Flags.Path("--out", "where the executed copies go [default: artifacts/notebooks]");
    readonly Option<bool> _html = Flags.Switch("--html", "also write a self-contained page per notebook and index.html");
    readonly Option<bool> _quick = Flags.Switch("--quick", $"{NotebookRunner.QuickVariable}=1 in the kernels: fewer samples");

    public NotebooksCommand() : base("notebooks",
        "execute notebooks headless in the editors' kernel (dotnet-interactive, pinned in .config/dotnet-tools.json), " +
        "write executed copies; prints seconds and peak memory per notebook and for the whole run")
    {
        Arguments.Add(_paths);
        Options.Add(_out);
        Options.Add(_html);
        Options.Add(_quick);
        SetAction((result, _) => RunAsync(result));
    }

    async Task<int> RunAsync(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var paths = parse.GetValue(_paths) is { Length: > 0 } given
            ? given
            : Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        var outDir = Path.GetFullPath(parse.GetValue(_out) ?? Path.Combine(RepoPaths.Artifacts, "notebooks"));
        var html = parse.GetValue(_html);
        // Unset unless given: the kernels then keep whatever CADS_QUICK the environment has.
        bool? quick = parse.GetValue(_quick) ? true : null;

        // This process and every kernel it starts: what a laptop must hold at once.
        using var wholeRun = new ProcessTreeMemory(Environment.ProcessId);
        var results = new List<NotebookResult>();
        foreach (var path in paths)
        {
            var result = await NotebookRunner.RunAsync(Path.GetFullPath(path), outDir, new NotebookRunOptions { Quick = quick });
            results.Add(result);
            if (html) PageExporter.Update(result, outDir);
            output.WriteLine(Summary(result));
        }
        var failed = results.Count(r => !r.Succeeded);
        var peak = wholeRun.PeakBytes;
        output.WriteLine($"notebooks: {results.Count - failed} passed, {failed} failed; executed copies in {outDir}");
        if (peak is not null) output.WriteLine($"peak memory of the whole run (this process and its kernels): {Gigabytes(peak)}");
        if (MemoryVerdict(results, peak) is { } verdict) output.WriteLine(verdict);
        if (results.Any(r => r.OutputPath is not null)) output.WriteLine($"run record: {WriteRecord(results, peak, quick, outDir)}");
        if (html && Directory.Exists(outDir)) output.WriteLine($"pages: {PageExporter.WriteIndex(outDir)}");
        return failed == 0 ? 0 : 1;
    }

    public static string Summary(NotebookResult r)
    {
        var memory = r.PeakBytes is null ? "" : $" {Gigabytes(r.PeakBytes),8} peak";
        var head = $"{Path.GetFileName(r.Notebook),-40} {r.CellsRun,3}/{r.CodeCells,-3} cells {r.Elapsed.TotalSeconds,7:F1} s{memory}";
        if (r.Succeeded) return $"{head}  ok";
        var where = r.FailedCell is { } cell ? $"cell {cell}" : "notebook";
        return $"{head}  FAILED at {where}:\n{Indent(r.Error!)}";
    }

    /// <summary>A laptop in a teaching session has 8 GB and a browser open: the budget for one notebook's kernel and for a whole run.</summary>
    public const long NotebookMemoryTarget = 1_500_000_000, RunMemoryTarget = 2_000_000_000;

    /// <summary>The memory targets, met or missed (reported, not enforced: the run's outcome is its cells).</summary>
    public static string? MemoryVerdict(IReadOnlyList<NotebookResult> results, long? wholeRun)
    {
        var largest = results.Where(r => r.PeakBytes is not null).MaxBy(r => r.PeakBytes);
        if (largest is null || wholeRun is null) return null;
        static string Met(bool met) => met ? "met" : "MISSED";
        return $"memory targets: each notebook's kernel <= {Gigabytes(NotebookMemoryTarget)}: {Met(largest.PeakBytes <= NotebookMemoryTarget)} " +
               $"(largest {Gigabytes(largest.PeakBytes)}, {Path.GetFileNameWithoutExtension(largest.Notebook)}); " +
               $"whole run <= {Gigabytes(RunMemoryTarget)}: {Met(wholeRun <= RunMemoryTarget)} ({Gigabytes(wholeRun)})";
    }

    static string Gigabytes(long? bytes) => $"{bytes / 1e9:F2} GB";

    // run.json beside the copies: the figures environment.md reports, from one run, with the machine they came from.
    static string WriteRecord(IReadOnlyList<NotebookResult> results, long? peak, bool? quick, string outDir)
    {
        var record = new JsonObject
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["mode"] = quick == true || Environment.GetEnvironmentVariable(NotebookRunner.QuickVariable) == "1" ? "quick" : "normal",
            ["wholeRunPeakBytes"] = peak,
            ["notebooks"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = Path.GetFileName(r.Notebook),
                ["succeeded"] = r.Succeeded,
                ["cells"] = r.CellsRun,
                ["seconds"] = Math.Round(r.Elapsed.TotalSeconds, 1),
                ["peakBytes"] = r.PeakBytes,
            }).ToArray()),
        };
        var path = Path.Combine(outDir, "run.json");
        AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, record, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Take(20).Select(l => "    " + l.TrimEnd('\r')));
}
