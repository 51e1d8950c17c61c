using System.Text.Json;
using Cads.Benchmarks;
using Cads.Cli.Commands;
using Cads.ImageWorld;
using Cads.TwoD.Learned;

namespace Cads.Tests.Benchmarks;

public class BenchTests
{
    static readonly BenchOptions Tiny = new()
    {
        ImageBatch = 8, MlpBatch = 64, NotebookImageBatch = 4, NotebookMlpBatch = 16, Repeats = 2, LoopSteps = 3, MemorySteps = 30,
    };

    [Fact]
    public void A_run_measures_everything_the_targets_name_and_the_loop_contains_its_forwards()
    {
        var report = Bench.Run(UNet.LoadShipped(), MixtureMlp.LoadShipped(), Tiny);
        double Value(string prefix) => Assert.Single(report.Rows, r => r.Name.StartsWith(prefix)).Value;

        Assert.True(Value("U-Net forward") > 0);
        Assert.True(Value("MLP forward") > 0);
        Assert.Equal(4, report.Rows.Count(r => r.Name.StartsWith("batched CFG / two forwards")));
        Assert.Equal(2, report.Rows.Count(r => r.Name.StartsWith("batched CFG / two forwards") && r.Met is not null));
        Assert.NotNull(Assert.Single(report.Rows, r => r.Name.StartsWith("CADS step / CFG step")).Met);
        // The step differs from CFG's by the transform alone, which takes time.
        Assert.True(Value("  1 + transform / CFG step") > 1);

        var loop = Value("DDIM loop");
        var forwards = Value("  of which network forwards");
        Assert.InRange(forwards, 0.01 * loop, loop);
        Assert.Equal(loop / forwards, Value("sampling loop / its network forwards"), 9);

        // The memory run's tensors are counted exactly: the sampling loop must not leave any behind.
        Assert.True(Assert.Single(report.Rows, r => r.Name.StartsWith("live tensors")).Met);
        Assert.NotNull(Assert.Single(report.Rows, r => r.Name.StartsWith("process RSS growth")).Met);
        Assert.True(Value("image samples per second") > 0);
        Assert.True(Value("2-D samples per second") > 0);
        Assert.Contains($"{Environment.ProcessorCount} cores", report.Machine);
        Assert.Matches("device (cpu|cuda)", report.Device);
    }

    [Fact]
    public async Task The_command_writes_the_json_atomically_and_exits_1_exactly_when_a_target_is_missed()
    {
        using var folder = new TempFolder();
        var json = folder.File("bench.json");
        var output = new StringWriter();
        var code = await CadsCommand.RunAsync(
            ["bench", "--image-batch", "8", "--mlp-batch", "64", "--repeats", "2", "--loop-steps", "2", "--memory-steps", "20", "--json", json],
            output, new StringWriter());

        var report = JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(json))!;
        Assert.Equal(report.Rows.Any(r => r.Met == false) ? 1 : 0, code);
        Assert.Equal(report.Rows.Count, output.ToString().Split('\n').Count(l => l.StartsWith("| ") && !l.StartsWith("| measurement") && !l.StartsWith("| ---")));
        Assert.Equal([json], Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("--image-batch|0", "--image-batch must be a whole number in [1, 65536]")]
    [InlineData("--repeats|many", "--repeats must be a whole number")]
    [InlineData("--threads|4", "'--threads'")]
    public async Task Bad_bench_arguments_exit_2_naming_the_option(string args, string expected)
    {
        var error = new StringWriter();
        var code = await CadsCommand.RunAsync(["bench", .. args.Split('|')], new StringWriter(), error);
        Assert.Equal(2, code);
        Assert.Contains(expected, error.ToString());
    }
}
