using System.Text.Json.Nodes;
using Cads.Cli.Commands;
using Cads.Cli.Notebooks;

namespace Cads.Tests.Notebooks;

/// <summary>The runner drives the real kernel (dotnet-interactive over stdio); each test starts one.</summary>
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

    static JsonArray Cells(NotebookResult result) => JsonNode.Parse(File.ReadAllText(result.OutputPath!))!["cells"]!.AsArray();

    [Fact]
    public async Task A_good_notebook_gets_an_executed_copy_with_its_outputs_and_the_kernels_peak_memory()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("ok.ipynb"), Notebook(
            "Console.WriteLine(\"hello\");", "1 + 2", "System.IO.Directory.GetCurrentDirectory()", "Environment.GetEnvironmentVariable(\"CADS_QUICK\") ?? \"unset\""));
        var result = await NotebookRunner.RunAsync(dir.File("ok.ipynb"), dir.File("out"), new NotebookRunOptions { Quick = true });

        Assert.True(result.Succeeded, result.Error);
        var cells = Cells(result);
        Assert.Equal("hello\n", (string?)cells[0]!["outputs"]![0]!["text"]![0]);
        Assert.Equal("execute_result", (string?)cells[1]!["outputs"]![0]!["output_type"]);
        Assert.Contains("<pre>3</pre>", (string?)cells[1]!["outputs"]![0]!["data"]!["text/html"]);
        Assert.Equal(2, (int?)cells[1]!["execution_count"]);
        // The kernel runs in the notebook's folder, as editors start it, and quick mode reaches it.
        Assert.Equal(dir.Path, (string?)cells[2]!["outputs"]![0]!["data"]!["text/plain"]);
        Assert.Equal("1", (string?)cells[3]!["outputs"]![0]!["data"]!["text/plain"]);
        // A kernel process holds well over 100 MB (the .NET runtime and Roslyn) and, for four cells, far less than 4 GB.
        Assert.InRange(result.PeakBytes!.Value, 100_000_000, 4_000_000_000);
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
        Assert.StartsWith("System.InvalidOperationException: boom at step 3", result.Error);
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

    [Fact]
    public async Task A_cell_past_its_time_limit_or_a_kernel_that_dies_fails_with_a_clear_message()
    {
        using var dir = new TempFolder();
        await using (var kernel = KernelSession.Start(RepoPaths.Root, dir.Path))
        {
            Assert.True((await kernel.SubmitAsync("1", TimeSpan.FromMinutes(5))).Succeeded);
            var slow = await kernel.SubmitAsync("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", TimeSpan.FromSeconds(3));
            Assert.Equal("no answer from the kernel within 3 s", slow.Failure);
            // A kernel that stopped answering is not asked again.
            Assert.Contains("stopped answering", (await kernel.SubmitAsync("2", TimeSpan.FromMinutes(5))).Failure);
        }

        File.WriteAllText(dir.File("exit.ipynb"), Notebook("Environment.Exit(3);"));
        var exited = await NotebookRunner.RunAsync(dir.File("exit.ipynb"), dir.File("out"));
        Assert.Equal(1, exited.FailedCell);
        Assert.Contains("the kernel exited (exit code 3)", exited.Error);
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
        // The real setup cell, run from a folder with no ../artifacts/lib/ beside it.
        var notebooks = Directory.CreateDirectory(dir.File("notebooks")).FullName;
        File.Copy(Path.Combine(RepoPaths.Notebooks, "backend.csx"), Path.Combine(notebooks, "backend.csx"));
        File.WriteAllText(Path.Combine(notebooks, "setup.ipynb"), Notebook(SetupCells()[0]));

        var result = await NotebookRunner.RunAsync(Path.Combine(notebooks, "setup.ipynb"), dir.File("out"));

        Assert.Equal(1, result.FailedCell);
        Assert.Contains("dotnet build src/Cads.Notebooks", result.Error);
    }

    [Fact]
    public async Task A_library_rebuilt_under_a_live_kernel_makes_the_setup_cell_say_restart()
    {
        using var dir = new TempFolder();
        var notebooks = ScratchNotebooks(dir);
        // A "rebuild" between two runs of the setup cell in one kernel: the same file with another MVID, renamed into place.
        const string rebuild = """
            var file = System.IO.Path.GetFullPath("../artifacts/lib/Cads.dll");
            var bytes = System.IO.File.ReadAllBytes(file);
            var at = System.MemoryExtensions.IndexOf(new ReadOnlySpan<byte>(bytes), Cads.Notebooks.LibraryFreshness.FileMvid(file).ToByteArray());
            bytes[at] ^= 0xFF;
            System.IO.File.WriteAllBytes(file + ".tmp", bytes);
            System.IO.File.Move(file + ".tmp", file, overwrite: true);
            """;
        var setup = SetupCells();
        File.WriteAllText(Path.Combine(notebooks, "live.ipynb"), Notebook(setup[0], setup[1], rebuild, setup[1]));

        var result = await NotebookRunner.RunAsync(Path.Combine(notebooks, "live.ipynb"), dir.File("out"));

        Assert.Equal(4, result.FailedCell);
        Assert.Contains("rebuilt after this kernel loaded it (Cads.dll)", result.Error);
        Assert.Contains("Restart the kernel", result.Error);
    }

    [Fact]
    public async Task An_updated_display_keeps_its_place_and_shows_its_last_value()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("progress.ipynb"), Notebook("var bar = display(\"step 0\"); Console.WriteLine(\"between\"); bar.Update(\"step 1\"); bar.Update(\"done\");"));
        var result = await NotebookRunner.RunAsync(dir.File("progress.ipynb"), dir.File("out"));
        var outputs = Cells(result)[0]!["outputs"]!.AsArray();
        Assert.Equal(["display_data", "stream"], outputs.Select(o => (string?)o!["output_type"]));
        Assert.Equal("done", (string?)outputs[0]!["data"]!["text/plain"]);
    }

    [Fact]
    public async Task A_false_statement_fails_a_normal_run_at_the_defaults_and_only_informs_otherwise()
    {
        using var dir = new TempFolder();
        var notebooks = ScratchNotebooks(dir);
        var setup = SetupCells();
        File.WriteAllText(Path.Combine(notebooks, "claims.ipynb"), Notebook(setup[0], setup[1],
            """
            record Knobs(double W = 8);
            Cads.Notebooks.Claims.For(new Knobs(W: 3), new Knobs()).Check("w = 8 loses modes", false, "coverage 1.00 at w = 3")
            """,
            """Cads.Notebooks.Claims.For(new Knobs(), new Knobs()).Check("two is three", 2 == 3, "2 != 3")"""));

        var normal = await NotebookRunner.RunAsync(Path.Combine(notebooks, "claims.ipynb"), dir.File("normal"), new NotebookRunOptions { Quick = false });
        var quick = await NotebookRunner.RunAsync(Path.Combine(notebooks, "claims.ipynb"), dir.File("quick"), new NotebookRunOptions { Quick = true });

        Assert.Equal(4, normal.FailedCell);
        Assert.Contains("The notebook says \"two is three\", but its outputs at the default settings do not support it: 2 != 3", normal.Error);
        Assert.True(quick.Succeeded, quick.Error);
        var cells = Cells(quick);
        Assert.Contains("written for the default settings; with yours (W = 3 (default 8))", (string?)cells[2]!["outputs"]![0]!["data"]!["text/html"]);
        Assert.Contains("[inconclusive: inconclusive in quick mode", (string?)cells[3]!["outputs"]![0]!["data"]!["text/html"]);
    }

    // The notebooks' layout in a scratch folder: notebooks/ beside artifacts/lib/ with copies of the built library.
    static string ScratchNotebooks(TempFolder dir)
    {
        var notebooks = Directory.CreateDirectory(dir.File("notebooks")).FullName;
        var lib = Directory.CreateDirectory(dir.File("artifacts/lib")).FullName;
        File.Copy(Path.Combine(RepoPaths.Notebooks, "backend.csx"), Path.Combine(notebooks, "backend.csx"));
        foreach (var dll in new[] { "Cads.dll", "Cads.Notebooks.dll" })
            File.Copy(Path.Combine(RepoPaths.Artifacts, "lib", dll), Path.Combine(lib, dll));
        return notebooks;
    }

    static string[] SetupCells() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "00-setup-check.ipynb")))!["cells"]!.AsArray()
            .Where(c => (string?)c!["cell_type"] == "code").Take(2)
            .Select(c => string.Concat(c!["source"]!.AsArray().Select(l => (string?)l))).ToArray();
}
