using System.Text.Json;
using Cads.Benchmarks;
using Cads.ImageWorld;
using Cads.IO;
using Cads.TwoD.Learned;

namespace Cads.Cli.Commands;

/// <summary>`cads bench`: speed and memory of the samplers against their networks, on the current device.</summary>
public static class BenchCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var o = new CommandOptions(args, ["json", "image-batch", "mlp-batch", "repeats", "loop-steps", "memory-steps"]);
        if (o.Positional.Count > 0) throw new UsageException($"bench takes no positional arguments; got '{o.Positional[0]}'.");
        var defaults = new BenchOptions();
        var options = new BenchOptions
        {
            ImageBatch = o.Int("image-batch", defaults.ImageBatch, 1, 65536),
            MlpBatch = o.Int("mlp-batch", defaults.MlpBatch, 1, 1 << 22),
            Repeats = o.Int("repeats", defaults.Repeats, 1, 1000),
            LoopSteps = o.Int("loop-steps", defaults.LoopSteps, 1, 10_000),
            MemorySteps = o.Int("memory-steps", defaults.MemorySteps, 1, 1_000_000),
        };
        var report = Bench.Run(UNet.LoadShipped(), MixtureMlp.LoadShipped(), options, stage => Console.Error.WriteLine($"bench: {stage}..."));
        output.WriteLine(report.ToMarkdown());
        if (o.String("json") is { } path)
        {
            var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
            AtomicFile.Write(Path.GetFullPath(path), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json)));
            output.WriteLine($"written to {Path.GetFullPath(path)}");
        }
        return report.Rows.Any(r => r.Met == false) ? 1 : 0;
    }
}
