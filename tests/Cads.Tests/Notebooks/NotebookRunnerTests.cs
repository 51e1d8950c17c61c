using System.Text.Json.Nodes;
using Cads.Cli.Commands;
using Cads.Cli.Notebooks;

namespace Cads.Tests.Notebooks;

public class NotebookRunnerTests
{
    static string Notebook(params string[] codeCells) => new JsonObject
    {
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
        ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["language"] = "C#", ["name"] = ".net-csharp" } },
        ["cells"] = new JsonArray(codeCells.Select(source => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
            ["execution_count"] = null,
            ["source"] = source,
        }).ToArray()),
    }.ToJsonString();

    [Fact]
    public async Task A_good_notebook_gets_an_executed_copy_with_its_outputs()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("ok.ipynb"), Notebook("Console.WriteLine(\"hello\");", "1 + 2"));
        var result = await NotebookRunner.RunAsync(dir.File("ok.ipynb"), dir.File("out"));

        Assert.True(result.Succeeded, result.Error);
        var cells = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!["cells"]!.AsArray();
        Assert.Equal("hello\n", (string?)cells[0]!["outputs"]![0]!["text"]![0]);
        Assert.Equal("execute_result", (string?)cells[1]!["outputs"]![0]!["output_type"]);
        Assert.True("3" == (string?)cells[1]!["outputs"]![0]!["data"]!["text/plain"], cells[1]!.ToJsonString());
        Assert.Equal(2, (int?)cells[1]!["execution_count"]);
    }

    [Fact]
    public async Task A_cell_that_throws_is_reported_with_its_number_and_no_copy_is_left()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("bad.ipynb"), Notebook("var a = 1;", "throw new InvalidOperationException(\"boom at step 3\");", "a"));
        Directory.CreateDirectory(dir.File("out"));
        File.WriteAllText(dir.File("out/bad.ipynb"), "stale copy from an earlier run");

        var result = await NotebookRunner.RunAsync(dir.File("bad.ipynb"), dir.File("out"));

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.FailedCell);
        Assert.Contains("boom at step 3", result.Error);
        Assert.Empty(Directory.GetFiles(dir.File("out")));
        Assert.Contains("FAILED at cell 2", NotebooksCommand.Summary(result));
    }

    [Fact]
    public async Task A_compile_error_fails_the_cell_with_the_compiler_message()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("typo.ipynb"), Notebook("int x = \"text\";"));
        var result = await NotebookRunner.RunAsync(dir.File("typo.ipynb"), dir.File("out"));
        Assert.Equal(1, result.FailedCell);
        Assert.Contains("CS0029", result.Error);
    }

    [Theory]
    [InlineData("missing.ipynb", null, "no such file")]
    [InlineData("notes.txt", "{}", "not a notebook")]
    [InlineData("broken.ipynb", "{ \"cells\": [", "invalid JSON")]
    [InlineData("empty.ipynb", "{}", "no 'cells' array")]
    public async Task Bad_input_gets_a_clear_message_and_no_output(string name, string? content, string expected)
    {
        using var dir = new TempFolder();
        if (content is not null) File.WriteAllText(dir.File(name), content);
        var result = await NotebookRunner.RunAsync(dir.File(name), dir.File("out"));
        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error);
        Assert.Contains(name, result.Error);
        Assert.False(Directory.Exists(dir.File("out")) && Directory.EnumerateFileSystemEntries(dir.File("out")).Any());
    }

    [Fact]
    public async Task The_command_exits_non_zero_when_a_notebook_fails_and_two_on_bad_usage()
    {
        using var dir = new TempFolder();
        var output = new StringWriter();
        Assert.Equal(1, await CadsCommand.RunAsync(["notebooks", dir.File("missing.ipynb"), "--out", dir.File("out")], output, output));
        Assert.Contains("0 passed, 1 failed", output.ToString());
        Assert.Equal(2, await CadsCommand.RunAsync(["notebooks", "--out"], output, output));
        Assert.Equal(2, await CadsCommand.RunAsync(["frobnicate"], output, output));
    }

    [Fact]
    public async Task A_notebook_that_cannot_find_the_library_says_which_command_builds_it()
    {
        using var dir = new TempFolder();
        // The real setup cell, run from a folder with no ../artifacts/lib/Cads.dll beside it.
        var notebooks = Directory.CreateDirectory(dir.File("notebooks")).FullName;
        var setup = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "00-setup-check.ipynb")))!["cells"]!
            .AsArray().First(c => (string?)c!["cell_type"] == "code")!["source"]!.AsArray();
        File.WriteAllText(Path.Combine(notebooks, "setup.ipynb"), Notebook(string.Concat(setup.Select(l => (string?)l))));

        var result = await NotebookRunner.RunAsync(Path.Combine(notebooks, "setup.ipynb"), dir.File("out"));

        Assert.Equal(1, result.FailedCell);
        Assert.Contains("dotnet build src/Cads", result.Error);
    }

    [Fact]
    public async Task An_updated_display_keeps_its_place_and_shows_its_last_value()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("progress.ipynb"), Notebook("var bar = display(\"step 0\"); Console.WriteLine(\"between\"); bar.Update(\"step 1\"); bar.Update(\"done\");"));
        var result = await NotebookRunner.RunAsync(dir.File("progress.ipynb"), dir.File("out"));
        var outputs = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!["cells"]![0]!["outputs"]!.AsArray();
        Assert.Equal(["display_data", "stream"], outputs.Select(o => (string?)o!["output_type"]));
        Assert.Equal("done", (string?)outputs[0]!["data"]!["text/plain"]);
    }
}
