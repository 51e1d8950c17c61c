using Cads.Cli.Notebooks;

namespace Cads.Cli.Commands;

/// <summary>`cads notebooks [paths...] [--out DIR] [--html]`: run notebooks headless and summarise; --html also writes pages.</summary>
public static class NotebooksCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var paths = new List<string>();
        string? outDir = null;
        var html = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out")
            {
                if (i + 1 >= args.Length) throw new UsageException("--out needs a folder.");
                outDir = args[++i];
            }
            else if (args[i] == "--html") html = true;
            else if (args[i].StartsWith("--")) throw new UsageException($"unknown option '{args[i]}' for notebooks.");
            else paths.Add(args[i]);
        }
        if (paths.Count == 0)
            paths.AddRange(Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order());
        outDir = Path.GetFullPath(outDir ?? Path.Combine(RepoPaths.Artifacts, "notebooks"));

        var results = new List<NotebookResult>();
        foreach (var path in paths)
        {
            var result = await NotebookRunner.RunAsync(Path.GetFullPath(path), outDir);
            results.Add(result);
            if (html) PageExporter.Update(result, outDir);
            output.WriteLine(Summary(result));
        }
        var failed = results.Count(r => !r.Succeeded);
        output.WriteLine($"notebooks: {results.Count - failed} passed, {failed} failed; executed copies in {outDir}");
        if (html && Directory.Exists(outDir)) output.WriteLine($"pages: {PageExporter.WriteIndex(outDir)}");
        return failed == 0 ? 0 : 1;
    }

    public static string Summary(NotebookResult r)
    {
        var head = $"{Path.GetFileName(r.Notebook),-40} {r.CellsRun,3}/{r.CodeCells,-3} cells {r.Elapsed.TotalSeconds,7:F1} s";
        if (r.Succeeded) return $"{head}  ok";
        var where = r.FailedCell is { } cell ? $"cell {cell}" : "notebook";
        return $"{head}  FAILED at {where}:\n{Indent(r.Error!)}";
    }

    static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Take(20).Select(l => "    " + l.TrimEnd('\r')));
}
