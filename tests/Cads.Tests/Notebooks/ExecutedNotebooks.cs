using System.Collections.Concurrent;
using Cads.Cli.Commands;
using Cads.Cli.Notebooks;
using Cads.Notebooks;

namespace Cads.Tests.Notebooks;

/// <summary>
/// Every notebook executed once per test run (quick mode), shared by the notebook tests and the page tests: the
/// executed copies, their pages and index.html go to artifacts/tests/notebooks/. One notebook runs at a time (the
/// runner sets the process's current folder).
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
            Environment.SetEnvironmentVariable(NotebookSetup.QuickVariable, "1");
            var result = await NotebookRunner.RunAsync(Path.Combine(RepoPaths.Notebooks, name), Folder);
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
