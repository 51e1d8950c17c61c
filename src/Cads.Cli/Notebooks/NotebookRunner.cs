using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cads.IO;

namespace Cads.Cli.Notebooks;

/// <summary>The outcome of one notebook: where its executed copy went, or which cell failed and why; its kernel's peak memory.</summary>
public sealed record NotebookResult(string Notebook, int CellsRun, int CodeCells, TimeSpan Elapsed, string? OutputPath,
    int? FailedCell, string? Error, long? PeakBytes = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>How to run: normal or quick mode (CADS_QUICK), and how long one cell may take.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>true: quick mode (CADS_QUICK=1); false: normal mode (CADS_QUICK removed); null: the caller's environment decides.</summary>
    public bool? Quick { get; init; }

    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Executes .ipynb notebooks in the kernel that editors start (dotnet-interactive, pinned in .config/dotnet-tools.json),
/// cell by cell over its stdio protocol, and writes executed copies with every output the kernel returned. Each
/// notebook gets a fresh kernel whose current folder is the notebook's own, as in VS Code and Jupyter.
/// </summary>
public static class NotebookRunner
{
    public static async Task<NotebookResult> RunAsync(string notebookPath, string outputDir, NotebookRunOptions? options = null)
    {
        options ??= new NotebookRunOptions();
        var name = Path.GetFileName(notebookPath);
        var clock = Stopwatch.StartNew();
        JsonObject notebook;
        try
        {
            notebook = ReadNotebook(notebookPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return new NotebookResult(notebookPath, 0, 0, clock.Elapsed, null, null, e.Message);
        }

        var cells = notebook["cells"]!.AsArray();
        var codeCells = cells.Count(c => (string?)c!["cell_type"] == "code");
        var outputPath = Path.Combine(outputDir, name);
        // A stale executed copy must not pass for this run's result.
        if (File.Exists(outputPath)) File.Delete(outputPath);

        ReleaseMemory(); // what the caller made of the previous notebook (its page) goes before this kernel grows
        var environment = new Dictionary<string, string?>();
        if (options.Quick is { } quick) environment[QuickVariable] = quick ? "1" : null;
        await using var kernel = KernelSession.Start(Commands.RepoPaths.Root, Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, environment);
        using var memory = new ProcessTreeMemory(kernel.ProcessId);
        var executionCount = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            if ((string?)cell["cell_type"] != "code") continue;
            executionCount++;
            var language = CellLanguage(cell, notebook);
            var source = CellSource(cell);
            var outputs = new JsonArray();
            cell["outputs"] = outputs;
            cell["execution_count"] = executionCount;
            if (language != "csharp")
                return Fail(i, $"the cell is in '{language}'; this runner executes C# cells only");
            if (string.IsNullOrWhiteSpace(source)) continue;

            var cellClock = Stopwatch.StartNew();
            var reply = await kernel.SubmitAsync(source, options.CellTimeout);
            // Jupyter's own place for timing: metadata.execution; the seconds make slow cells easy to find.
            cell["metadata"] ??= new JsonObject();
            cell["metadata"]!["execution"] = new JsonObject { ["cads.seconds"] = Math.Round(cellClock.Elapsed.TotalSeconds, 2) };
            CellOutputs.Collect(reply, outputs, executionCount);
            if (reply.Failure is { } failure) return Fail(i, failure);
            ReleaseMemory();
        }

        AtomicFile.Write(outputPath, stream =>
            JsonSerializer.Serialize(stream, notebook, CopyFormat));
        return new NotebookResult(notebookPath, executionCount, codeCells, clock.Elapsed, outputPath, null, null, memory.PeakBytes);

        NotebookResult Fail(int cellIndex, string error) =>
            new(notebookPath, executionCount, codeCells, clock.Elapsed, null, cellIndex + 1, error, memory.PeakBytes);
    }

    // Readable copies: non-ASCII text (γ, τ, Japanese) as itself, not as escapes.
    static readonly JsonSerializerOptions CopyFormat = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A chart's events carry plotly.js (3.5 MB of JSON text, twice that as .NET strings), and a page holds a whole
    // notebook: the GC would keep such garbage resident beside the kernel (measured: the runner at 0.47 GB after two
    // notebooks with pages, 0.16 GB for one without). Collecting after each cell costs milliseconds.
    static void ReleaseMemory() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>The environment variable of quick mode (the notebooks read it through NotebookSetup.Quick).</summary>
    public const string QuickVariable = "CADS_QUICK";

    static JsonObject ReadNotebook(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file.");
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: not a notebook (expected a .ipynb file).");
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not a notebook: invalid JSON ({e.Message})."); }
        if (root is not JsonObject notebook || notebook["cells"] is not JsonArray || notebook["nbformat"] is null)
            throw new InvalidDataException($"{path}: not a notebook: no 'cells' array or 'nbformat' field.");
        return notebook;
    }

    // Polyglot Notebooks record the language per cell; Jupyter's .NET kernel per notebook.
    static string CellLanguage(JsonObject cell, JsonObject notebook)
    {
        var language = (string?)cell["metadata"]?["polyglot_notebook"]?["kernelName"]
                       ?? (string?)cell["metadata"]?["dotnet_interactive"]?["language"]
                       ?? (string?)notebook["metadata"]?["kernelspec"]?["language"]
                       ?? "csharp";
        return language.ToLowerInvariant() switch { "c#" or "cs" => "csharp", var l => l };
    }

    static string CellSource(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };
}
