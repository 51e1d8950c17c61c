using System.Text.Json.Nodes;
using Cads.Cli.Commands;
using Cads.Cli.Notebooks;
using Cads.Notebooks;

namespace Cads.Tests.Notebooks;

/// <summary>Every notebook in notebooks/ runs top to bottom through the runner (in quick mode) and gets its page.</summary>
public class AllNotebooksTests
{
    public static TheoryData<string> Notebooks() => new(ExecutedNotebooks.Names);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_without_a_failed_cell(string name)
    {
        // One execution per test run, shared with the page tests (which load its HTML page in Chromium).
        var result = await ExecutedNotebooks.RunAsync(name);
        Assert.True(result.Succeeded, NotebooksCommand.Summary(result));
        Assert.Equal(result.CodeCells, result.CellsRun);

        var executed = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!;
        var outputs = executed["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).ToList();
        Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "error");
        // A chart is a real plot (a Plotly.newPlot call), never an object tree.
        var html = outputs.Select(o => (string?)o!["data"]?["text/html"]).Where(h => h is not null).ToList();
        Assert.All(html.Where(h => h!.Contains("GenericChart")), h => Assert.Fail("a chart was formatted as an object tree"));
        if (html.Any(h => h!.Contains("Plotly.newPlot")))
            Assert.Contains(html, h => h!.Contains("plotly.js v")); // the library travels with the first chart
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
        Assert.Contains("#r \"nuget: TorchSharp-cpu, 0.107.0\"", setups[0]);
        Assert.Contains("NotebookSetup.Run()", setups[0]);
    }
}
