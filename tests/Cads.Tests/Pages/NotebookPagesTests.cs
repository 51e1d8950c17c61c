using System.Text.Json.Nodes;
using Cads.Cli.Notebooks;
using Cads.Cli.Commands;
using Cads.Tests.Notebooks;

namespace Cads.Tests.Pages;

/// <summary>
/// Every notebook's page (from the one shared normal-mode execution in the kernel) in headless Chromium: no JavaScript errors, no
/// network, every Plotly chart drawn, every formula rendered by KaTeX; a screenshot of each in artifacts/pages/.
/// </summary>
public class NotebookPagesTests(ChromiumFixture browser) : IClassFixture<ChromiumFixture>
{
    static string Screenshots => Path.Combine(RepoPaths.Artifacts, "pages");

    public static TheoryData<string> Notebooks() => new(ExecutedNotebooks.Names);

    [ChromiumTheory]
    [MemberData(nameof(Notebooks))]
    public async Task The_page_renders_in_Chromium_with_its_charts_and_formulas(string name)
    {
        var result = await ExecutedNotebooks.RunAsync(name);
        Assert.True(result.Succeeded, NotebooksCommand.Summary(result));
        var page = Path.ChangeExtension(result.OutputPath!, ".html");

        var report = await PageProbe.LoadAsync(await browser.GetAsync(), page,
            Path.Combine(Screenshots, Path.GetFileNameWithoutExtension(name) + ".png"));

        var c = report.Checks;
        var summary = $"{name}: {c}; errors: {string.Join(" | ", report.Errors)}";
        Assert.True(report.Errors.Count == 0, summary);
        Assert.True(report.NetworkRequests.Count == 0, $"{name} asked the network for {string.Join(", ", report.NetworkRequests)}");
        Assert.True(c.GetProperty("charts").GetInt32() >= c.GetProperty("newPlotScripts").GetInt32(), summary);
        Assert.True(c.GetProperty("drawn").GetInt32() == c.GetProperty("charts").GetInt32(), "a chart did not draw: " + summary);
        Assert.True(c.GetProperty("rendered").GetInt32() == c.GetProperty("maths").GetInt32(), "a formula did not render: " + summary);
        Assert.True(c.GetProperty("katexErrors").GetInt32() == 0, "KaTeX could not parse a formula: " + summary);
        Assert.True(c.GetProperty("rawTex").GetArrayLength() == 0, "raw TeX left in the text: " + summary);
        Assert.True(c.GetProperty("katexFont").GetBoolean(), "the inline KaTeX fonts did not load: " + summary);
        Assert.True(c.GetProperty("brokenImages").GetInt32() == 0, "an image did not load: " + summary);
        Assert.True(new FileInfo(report.Screenshot).Length > 10_000, "the screenshot is empty");
    }

    [ChromiumFact]
    public async Task The_index_links_every_page_in_reading_order()
    {
        // A notebook that fails has no page (its own test reports why); the index lists the pages there are.
        var pages = new List<string>();
        foreach (var name in ExecutedNotebooks.Names)
            if ((await ExecutedNotebooks.RunAsync(name)).Succeeded) pages.Add(Path.ChangeExtension(name, ".html"));

        var report = await PageProbe.LoadAsync(await browser.GetAsync(), Path.Combine(ExecutedNotebooks.Folder, "index.html"),
            Path.Combine(Screenshots, "index.png"));

        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
        var links = report.Checks.GetProperty("links").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(pages, links);
    }

    /// <summary>
    /// The glossary's Japanese is drawn with real glyphs: Chromium names the platform fonts that drew the first Japanese
    /// text of the page, and one of them must be a CJK font (tests/run installs fonts-noto-cjk where fontconfig has none).
    /// </summary>
    [ChromiumFact]
    public async Task The_glossary_page_draws_its_Japanese_text_with_a_CJK_font()
    {
        var result = await ExecutedNotebooks.RunAsync("glossary.ipynb");
        Assert.True(result.Succeeded, NotebooksCommand.Summary(result));

        var (text, fonts) = await PlatformFonts.OfJapaneseTextAsync(await browser.GetAsync(), Path.ChangeExtension(result.OutputPath!, ".html"));

        Assert.True(text.Length > 0, "the glossary page shows no Japanese text");
        Assert.True(fonts.Any(f => f.HasCjkGlyphs && f.Glyphs > 0),
            $"'{text}' was drawn by {string.Join(", ", fonts)}: no CJK font; install one (apt-get install fonts-noto-cjk; tests/run does)");
    }

    [ChromiumFact]
    public async Task The_index_lists_the_glossary_and_shows_the_slide_map()
    {
        var result = await ExecutedNotebooks.RunAsync("glossary.ipynb");
        Assert.True(result.Succeeded, NotebooksCommand.Summary(result));
        var index = File.ReadAllText(Path.Combine(ExecutedNotebooks.Folder, "index.html"));
        Assert.Contains("href=\"glossary.html\"", index);
        Assert.Contains("<h2 id=\"slide-map\">", index);
        Assert.Contains("href=\"#slide-map\"", index);
        // Every slide of the deck has its row in the rendered table.
        Assert.All(Enumerable.Range(1, NotebookFormat.DeckSlides), s => Assert.Matches($"<td[^>]*>{s}</td>", index));

        var report = await PageProbe.LoadAsync(await browser.GetAsync(), Path.Combine(ExecutedNotebooks.Folder, "index.html"),
            Path.Combine(Screenshots, "index-slide-map.png"));
        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
        Assert.True(report.Checks.GetProperty("rendered").GetInt32() == report.Checks.GetProperty("maths").GetInt32(), report.Checks.ToString());
    }

    /// <summary>
    /// The prose of every notebook (all its markdown cells, executed or not), with an image, a table and code full of
    /// TeX-like characters: every formula renders, code stays code, nothing asks the network.
    /// </summary>
    [ChromiumFact]
    public async Task Every_formula_in_every_notebook_renders_offline()
    {
        using var dir = new TempFolder();
        var cells = new JsonArray();
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb").Order(StringComparer.Ordinal))
            foreach (var cell in JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray())
                if ((string?)cell!["cell_type"] == "markdown") cells.Add(cell.DeepClone());
        cells.Add(JsonNode.Parse("""{ "cell_type": "markdown", "metadata": {}, "source": ["| w | MSS |\n|---|---|\n| 1 | $0.5$ |\n"] }"""));
        var png = Convert.ToBase64String(Cads.Images.Png.EncodeGray(Enumerable.Range(0, 64 * 32).Select(i => (byte)(i % 251)).ToArray(), 64, 32));
        cells.Add(new JsonObject
        {
            ["cell_type"] = "code", ["metadata"] = new JsonObject(), ["execution_count"] = 1,
            ["source"] = new JsonArray("var s = $\"{a}$$ \\(x\\) </script>\";"),
            ["outputs"] = new JsonArray(
                new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new JsonArray("<b>not bold</b> $$ \\(\n") },
                new JsonObject
                {
                    ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                    ["data"] = new JsonObject { ["image/png"] = png, ["text/plain"] = "grid" },
                }),
        });
        var notebook = new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = cells };
        File.WriteAllText(dir.File("99-prose.ipynb"), notebook.ToJsonString());
        var page = PageExporter.ExportPage(dir.File("99-prose.ipynb"));

        var report = await PageProbe.LoadAsync(await browser.GetAsync(), page, Path.Combine(Screenshots, "prose.png"));

        var c = report.Checks;
        Assert.True(report.Errors.Count == 0, string.Join(" | ", report.Errors));
        Assert.Empty(report.NetworkRequests);
        Assert.True(c.GetProperty("maths").GetInt32() > 0, c.ToString());
        Assert.True(c.GetProperty("rendered").GetInt32() == c.GetProperty("maths").GetInt32(), c.ToString());
        Assert.True(c.GetProperty("katexErrors").GetInt32() == 0, c.ToString());
        Assert.True(c.GetProperty("rawTex").GetArrayLength() == 0, c.ToString());
        Assert.True(c.GetProperty("images").GetInt32() == 1 && c.GetProperty("brokenImages").GetInt32() == 0, c.ToString());
    }
}
