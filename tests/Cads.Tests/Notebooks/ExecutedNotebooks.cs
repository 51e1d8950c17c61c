using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cads.Cli.Commands;
using Cads.Cli.Notebooks;

namespace Cads.Tests.Notebooks;

/// <summary>
/// Every notebook executed once per test run, in normal mode, in the kernel editors start (dotnet-interactive over
/// stdio, the notebook's folder as current folder): shared by the notebook tests and the page tests. The executed
/// copies, their pages and index.html go to artifacts/tests/notebooks/. One notebook at a time, as a reader runs them.
/// Also, once per test run, each notebook's "solved" copy in quick mode: every exercise's answer cell replaced by its
/// solution and the knobs by a reader's change (<see cref="ReaderChanges"/>), under artifacts/tests/solved/.
/// </summary>
public static class ExecutedNotebooks
{
    static readonly SemaphoreSlim OneAtATime = new(1, 1);
    static readonly ConcurrentDictionary<string, Lazy<Task<NotebookResult>>> Runs = new();
    static readonly ConcurrentDictionary<string, Lazy<Task<NotebookResult>>> SolvedRuns = new();

    public static string Folder => Path.Combine(RepoPaths.Artifacts, "tests", "notebooks");

    public static IEnumerable<string> Names =>
        Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    public static Task<NotebookResult> RunAsync(string name) =>
        Runs.GetOrAdd(name, n => new Lazy<Task<NotebookResult>>(() => RunOnceAsync(n))).Value;

    static Task<NotebookResult> RunOnceAsync(string name) => OneAtATimeAsync(async () =>
    {
        var result = await NotebookRunner.RunAsync(Path.Combine(RepoPaths.Notebooks, name), Folder, new NotebookRunOptions { Quick = false });
        PageExporter.Update(result, Folder);
        if (Directory.Exists(Folder)) PageExporter.WriteIndex(Folder);
        return result;
    });

    static async Task<NotebookResult> OneAtATimeAsync(Func<Task<NotebookResult>> run)
    {
        await OneAtATime.WaitAsync();
        try
        {
            return await run();
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    public static string SolvedFolder => Path.Combine(RepoPaths.Artifacts, "tests", "solved");

    /// <summary>The solved copy of a notebook, run in quick mode (one run per test run).</summary>
    public static Task<NotebookResult> RunSolvedAsync(string name) =>
        SolvedRuns.GetOrAdd(name, n => new Lazy<Task<NotebookResult>>(() => RunSolvedOnceAsync(n))).Value;

    /// <summary>
    /// The notebook with its solutions filled in and, when it has an entry in <see cref="ReaderChanges"/>, the line
    /// `var knobs = new Knobs();` (exactly one) replaced by the reader's change.
    /// </summary>
    public static JsonNode SolvedCopy(string name)
    {
        var solved = NotebookFormat.WithSolutions(JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, name)))!);
        if (ReaderChanges.Line(name) is not { } line) return solved;
        var cells = solved["cells"]!.AsArray().Where(c => NotebookFormat.Text(c!["source"]).Split('\n').Contains(ReaderChanges.DefaultLine)).ToList();
        if (cells.Count != 1)
            throw new InvalidOperationException($"{name}: {cells.Count} cells hold the line '{ReaderChanges.DefaultLine}'; the reader's change needs exactly one");
        var source = NotebookFormat.Text(cells[0]!["source"]).Split('\n').Select(l => l == ReaderChanges.DefaultLine ? line : l);
        cells[0]!["source"] = string.Join('\n', source);
        return solved;
    }

    // The notebooks' layout, made once per test run, so a copy finds ../artifacts/lib and backend.csx as the original does.
    static readonly Lazy<string> SolvedNotebooks = new(() =>
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(SolvedFolder, "notebooks")).FullName;
        var lib = Directory.CreateDirectory(Path.Combine(SolvedFolder, "artifacts", "lib")).FullName;
        File.Copy(Path.Combine(RepoPaths.Notebooks, "backend.csx"), Path.Combine(notebooks, "backend.csx"), overwrite: true);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Artifacts, "lib")))
            File.Copy(file, Path.Combine(lib, Path.GetFileName(file)), overwrite: true);
        return notebooks;
    });

    static Task<NotebookResult> RunSolvedOnceAsync(string name) => OneAtATimeAsync(() =>
    {
        var copy = Path.Combine(SolvedNotebooks.Value, name);
        File.WriteAllText(copy, SolvedCopy(name).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return NotebookRunner.RunAsync(copy, Path.Combine(SolvedFolder, "out"), new NotebookRunOptions { Quick = true });
    });
}
