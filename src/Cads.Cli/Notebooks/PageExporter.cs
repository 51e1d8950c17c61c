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

    /// <summary>
    /// index.html for every page in <paramref name="folder"/> that has its executed notebook beside it, with the slide
    /// map of <paramref name="readme"/> (default: notebooks/README.md of this checkout, when there is one).
    /// </summary>
    public static string WriteIndex(string folder, string? readme = null)
    {
        var entries = Directory.GetFiles(folder, "*.html")
            .Where(page => Path.GetFileName(page) != "index.html")
            .Select(page => (page, notebook: Path.ChangeExtension(page, ".ipynb")))
            .Where(p => File.Exists(p.notebook))
            .Select(p => new PageIndex.Entry(Path.GetFileName(p.page), TitleOf(p.notebook)));
        var index = Path.Combine(folder, "index.html");
        readme ??= DefaultReadme();
        var slideMap = readme is not null && File.Exists(readme) ? SlideMapSection(File.ReadAllText(readme)) : null;
        Write(index, PageIndex.Render(entries, slideMap is null ? null : MarkdownHtml.ToHtml(slideMap)));
        return index;
    }

    /// <summary>The body of the "## Slide map" section of a README (up to the next `## ` heading); null when it has none.</summary>
    public static string? SlideMapSection(string markdown)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("## Slide map"));
        if (start < 0) return null;
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## "));
        return string.Join('\n', lines[(start + 1)..(end < 0 ? lines.Length : end)]);
    }

    static string? DefaultReadme()
    {
        try { return Path.Combine(Commands.RepoPaths.Notebooks, "README.md"); }
        catch (DirectoryNotFoundException) { return null; }
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
