using System.Text.Json;
using Cads.Cli.Commands;
using Cads.Tests.Notebooks;

namespace Cads.Tests.Pages;

/// <summary>
/// Every notebook's page (from the one shared quick-mode execution) in headless Chromium: no JavaScript errors, no
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
        foreach (var name in ExecutedNotebooks.Names) Assert.True((await ExecutedNotebooks.RunAsync(name)).Succeeded, name);

        var report = await PageProbe.LoadAsync(await browser.GetAsync(), Path.Combine(ExecutedNotebooks.Folder, "index.html"),
            Path.Combine(Screenshots, "index.png"));

        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
        var links = report.Checks.GetProperty("links").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.Equal(ExecutedNotebooks.Names.Select(n => Path.ChangeExtension(n, ".html")), links);
    }
}
