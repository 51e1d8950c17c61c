using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Cads.Cli.Notebooks;

/// <summary>The outcome of one notebook: where its executed copy went, or which cell failed and why.</summary>
public sealed record NotebookResult(string Notebook, int CellsRun, int CodeCells, TimeSpan Elapsed, string? OutputPath,
    int? FailedCell, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Executes .ipynb notebooks in-process with a .NET Interactive C# kernel (with #r "nuget:" support), cell by
/// cell, and writes executed copies with every output. Each notebook gets a fresh kernel and runs with its own
/// folder as the current directory, as VS Code and Jupyter do.
/// </summary>
public static class NotebookRunner
{
    public static async Task<NotebookResult> RunAsync(string notebookPath, string outputDir)
    {
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

        var previousDirectory = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);
        try
        {
            using var kernel = CreateKernel();
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
                var result = await kernel.SendAsync(new SubmitCode(source, "csharp"));
                // Jupyter's own place for timing: metadata.execution; the seconds make slow cells easy to find.
                cell["metadata"] ??= new JsonObject();
                cell["metadata"]!["execution"] = new JsonObject { ["cads.seconds"] = Math.Round(cellClock.Elapsed.TotalSeconds, 2) };
                var failure = CellOutputs.Collect(result.Events, outputs, executionCount);
                if (failure is not null) return Fail(i, failure);
            }

            Directory.CreateDirectory(outputDir);
            WriteAtomically(outputPath, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return new NotebookResult(notebookPath, executionCount, codeCells, clock.Elapsed, outputPath, null, null);

            NotebookResult Fail(int cellIndex, string error) =>
                new(notebookPath, executionCount, codeCells, clock.Elapsed, null, cellIndex + 1, error);
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
        }
    }

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

    static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((k, references) =>
            {
                k.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers();
        return new CompositeKernel { csharp };
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

    static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
