using System.Collections.Concurrent;
using Cads.Cli.Commands;
using Cads.Cli.Notebooks;

namespace Cads.Tests.Notebooks;

/// <summary>
/// Every notebook executed once per test run, in normal mode, in the kernel editors start (dotnet-interactive over
/// stdio, the notebook's folder as current folder): shared by the notebook tests and the page tests. The executed
/// copies, their pages and index.html go to artifacts/tests/notebooks/. One notebook at a time, as a reader runs them.
/// </summary>
public static class ExecutedNotebooks
{
    static readonly SemaphoreSlim OneAtATime = new(1, 1);
    static readonly ConcurrentDictionary<string, Lazy<Task<NotebookResult>>> Runs = new();

    public static string Folder => Path.Combine(RepoPaths.Artifacts, "tests", "notebooks");

    public static IEnumerable<string> Names =>
        Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    public static Task<NotebookResult> RunAsync(string name) =>
        Runs.GetOrAdd(name, n => new Lazy<Task<NotebookResult>>(() => RunOnceAsync(n))).Value;

    static async Task<NotebookResult> RunOnceAsync(string name)
    {
        await OneAtATime.WaitAsync();
        try
        {
            var result = await NotebookRunner.RunAsync(Path.Combine(RepoPaths.Notebooks, name), Folder, new NotebookRunOptions { Quick = false });
            PageExporter.Update(result, Folder);
            if (Directory.Exists(Folder)) PageExporter.WriteIndex(Folder);
            return result;
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
