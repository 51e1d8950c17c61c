using System.CommandLine;
using System.Text.Json;
using Cads.Benchmarks;
using Cads.ImageWorld;
using Cads.IO;
using Cads.TwoD.Learned;

namespace Cads.Cli.Commands;

/// <summary>`cads bench`: speed and memory of the samplers against their networks, on the current device.</summary>
public sealed class BenchCommand : TensorCommand
{
    readonly Option<string> _json = Flags.Path("--json", "also write the report as JSON to this file");
    readonly Option<int> _imageBatch = Flags.WholeNumber("--image-batch", "B", "the large image batch", 1, 65536);
    readonly Option<int> _mlpBatch = Flags.WholeNumber("--mlp-batch", "B", "the large 2-D batch", 1, 1 << 22);
    readonly Option<int> _repeats = Flags.WholeNumber("--repeats", "N", "timed repetitions per measurement (the median is reported)", 1, 1000);
    readonly Option<int> _loopSteps = Flags.WholeNumber("--loop-steps", "N", "steps of the sampling loop timed against its forwards", 1, 10_000);
    readonly Option<int> _memorySteps = Flags.WholeNumber("--memory-steps", "N", "steps of the memory run", 1, 1_000_000);

    public BenchCommand() : base("bench", "speed and memory targets, measured on this device (exit 1 if one is missed)")
    {
        var defaults = new BenchOptions();
        _imageBatch.DefaultValueFactory = _ => defaults.ImageBatch;
        _mlpBatch.DefaultValueFactory = _ => defaults.MlpBatch;
        _repeats.DefaultValueFactory = _ => defaults.Repeats;
        _loopSteps.DefaultValueFactory = _ => defaults.LoopSteps;
        _memorySteps.DefaultValueFactory = _ => defaults.MemorySteps;
        foreach (var option in (Option[])[_json, _imageBatch, _mlpBatch, _repeats, _loopSteps, _memorySteps]) Options.Add(option);
    }

    protected override int Run(ParseResult result, TextWriter output)
    {
        var options = new BenchOptions
        {
            ImageBatch = result.GetValue(_imageBatch),
            MlpBatch = result.GetValue(_mlpBatch),
            Repeats = result.GetValue(_repeats),
            LoopSteps = result.GetValue(_loopSteps),
            MemorySteps = result.GetValue(_memorySteps),
        };
        var report = Bench.Run(UNet.LoadShipped(), MixtureMlp.LoadShipped(), options, stage => Console.Error.WriteLine($"bench: {stage}..."));
        output.WriteLine(report.ToMarkdown());
        if (result.GetValue(_json) is { } path)
        {
            var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
            AtomicFile.Write(Path.GetFullPath(path), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json)));
            output.WriteLine($"written to {Path.GetFullPath(path)}");
        }
        return report.Rows.Any(r => r.Met == false) ? 1 : 0;
    }
}
