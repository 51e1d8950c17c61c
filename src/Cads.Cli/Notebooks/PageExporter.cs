using System.Text;
using System.Text.Json.Nodes;
using Cads.IO;

namespace Cads.Cli.Notebooks;

/// <summary>
/// Writes notebook pages next to the executed copies (NN-name.ipynb → NN-name.html) and the folder's index.html,
/// each atomically, so a reader never sees half a page.
/// </summary>
public static class PageExporter
{
    /// <summary>The page for one executed notebook; returns its path.</summary>
    public static string ExportPage(string executedNotebook)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(executedNotebook)) as JsonObject
                       ?? throw new InvalidDataException($"{executedNotebook}: not a notebook.");
        var page = Path.ChangeExtension(executedNotebook, ".html");
        Write(page, NotebookPage.Render(notebook, NotebookPage.Title(notebook, Path.GetFileNameWithoutExtension(executedNotebook))));
        return page;
    }

    /// <summary>Keeps the page in step with a run: a new page when it succeeded, no stale page when it failed.</summary>
    public static string? Update(NotebookResult result, string outputDir)
    {
        if (result.OutputPath is not null) return ExportPage(result.OutputPath);
        var stale = Path.Combine(outputDir, Path.ChangeExtension(Path.GetFileName(result.Notebook), ".html"));
        if (File.Exists(stale)) File.Delete(stale);
        return null;
    }

    /// <summary>index.html for every page in <paramref name="folder"/> that has its executed notebook beside it.</summary>
    public static string WriteIndex(string folder)
    {
        var entries = Directory.GetFiles(folder, "*.html")
            .Where(page => Path.GetFileName(page) != "index.html")
            .Select(page => (page, notebook: Path.ChangeExtension(page, ".ipynb")))
            .Where(p => File.Exists(p.notebook))
            .Select(p => new PageIndex.Entry(Path.GetFileName(p.page), TitleOf(p.notebook)));
        var index = Path.Combine(folder, "index.html");
        Write(index, PageIndex.Render(entries));
        return index;
    }

    static string TitleOf(string notebook)
    {
        var fallback = Path.GetFileNameWithoutExtension(notebook);
        try { return JsonNode.Parse(File.ReadAllText(notebook)) is JsonObject o ? NotebookPage.Title(o, fallback) : fallback; }
        catch (System.Text.Json.JsonException) { return fallback; }
    }

    static void Write(string path, string text) =>
        AtomicFile.Write(path, stream => stream.Write(new UTF8Encoding(false).GetBytes(text)));
}
