using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cads.Cli.Commands;

namespace Cads.Tests.Notebooks;

/// <summary>
/// Every notebook in notebooks/ runs top to bottom in the editors' kernel, in normal mode, with every chart and image
/// shown; and every notebook loads the backend and the library the same way.
/// </summary>
public class AllNotebooksTests
{
    public static TheoryData<string> Notebooks() => new(ExecutedNotebooks.Names);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_in_the_kernel_with_no_failed_cell_and_every_figure_shown(string name)
    {
        // One execution per test run, shared with the page tests (which load its HTML page in Chromium).
        var result = await ExecutedNotebooks.RunAsync(name);
        Assert.True(result.Succeeded, NotebooksCommand.Summary(result));
        Assert.Equal(result.CodeCells, result.CellsRun);

        var cells = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code").ToList();
        var figures = new FigureCode();
        foreach (var (cell, number) in cells.Select((c, i) => (c!, i + 1)))
        {
            var source = string.Concat(cell["source"]!.AsArray().Select(l => (string?)l));
            var outputs = cell["outputs"]!.AsArray().Select(o => o!).ToList();
            var where = $"{name}, code cell {number}";
            Assert.DoesNotContain(outputs, o => (string?)o["output_type"] == "error");
            var html = outputs.Select(o => (string?)o["data"]?["text/html"]).OfType<string>().ToList();
            // A chart or image formatted as an object tree instead of a figure.
            Assert.All(html, h => Assert.False(h.Contains("Plotly.NET.GenericChart") || h.Contains("Cads.Images.Image"),
                $"{where}: a figure was formatted as an object tree"));
            var (chart, image) = figures.Next(source);
            if (chart)
                Assert.True(html.Any(h => h.Contains("Plotly.newPlot(")), $"{where} makes a chart but shows no Plotly figure");
            if (image)
                // The PNG signature, base64-encoded: the picture itself is in the copy.
                Assert.True(html.Any(h => h.Contains("src=\"data:image/png;base64,iVBORw0KGgo")), $"{where} makes an image grid but shows no PNG");
        }
        var allHtml = cells.SelectMany(c => c!["outputs"]!.AsArray()).Select(o => (string?)o!["data"]?["text/html"]).OfType<string>().ToList();
        if (allHtml.Any(h => h.Contains("Plotly.newPlot(")))
            Assert.Contains(allHtml, h => h.Contains("plotly.js v")); // the library travels with the first chart: offline
        Assert.True(File.Exists(Path.ChangeExtension(result.OutputPath!, ".html")), "no HTML page beside the executed copy");
    }

    [Fact]
    public void Every_notebook_starts_with_the_same_setup_cells_and_is_committed_without_outputs()
    {
        var setups = new List<string>();
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "*.ipynb"))
        {
            var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
            Assert.All(cells.Where(c => (string?)c!["cell_type"] == "code"), c => Assert.Empty(c!["outputs"]!.AsArray()));
            var code = cells.Where(c => (string?)c!["cell_type"] == "code").Take(2)
                .Select(c => string.Concat(c!["source"]!.AsArray().Select(l => (string?)l)));
            setups.Add(string.Join("\n", code));
        }
        Assert.NotEmpty(setups);
        Assert.Single(setups.Distinct());
        // The backend comes from one file; the notebooks name no backend package themselves.
        Assert.Contains("#!import backend.csx", setups[0]);
        Assert.DoesNotContain("TorchSharp", setups[0].Split('\n').Where(l => l.StartsWith("#r")));
        Assert.Contains("#r \"../artifacts/lib/Cads.dll\"", setups[0]);
        Assert.Contains("#r \"../artifacts/lib/Cads.Notebooks.dll\"", setups[0]);
        Assert.Contains("NotebookSetup.Run()", setups[0]);
    }

    [Fact]
    public void The_backend_file_names_exactly_one_TorchSharp_backend_and_environment_md_says_how_to_switch()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Notebooks, "backend.csx"));
        var active = lines.Where(l => l.TrimStart().StartsWith("#r")).ToList();
        // The same TorchSharp version as the library is built against (Directory.Packages.props).
        var version = Regex.Match(File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Packages.props")),
            "<TorchSharpVersion>(.+)</TorchSharpVersion>").Groups[1].Value;
        Assert.Equal([$"#r \"nuget: TorchSharp-cpu, {version}\""], active);
        Assert.Contains(lines, l => l.StartsWith("//") && l.Contains($"#r \"nuget: TorchSharp-cuda-linux, {version}\""));
        var environment = File.ReadAllText(Path.Combine(RepoPaths.Root, "environment.md"));
        Assert.Contains("notebooks/backend.csx", environment);
        Assert.Contains("TorchSharp-cuda-linux", environment);
    }
}
