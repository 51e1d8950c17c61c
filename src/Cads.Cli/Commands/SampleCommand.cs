using System.CommandLine;
using System.Diagnostics;
using Cads.Denoisers;
using Cads.Images;
using Cads.ImageWorld;
using Cads.Runs;
using Cads.Runtime;

namespace Cads.Cli.Commands;

/// <summary>`cads sample`: a PNG grid from the image model, a row per class, with CFG and optionally CADS.</summary>
public sealed class SampleCommand : TensorCommand
{
    /// <summary>The run the flags change: CFG at w = 4, DDIM with 50 steps, per-sample seed 0, no CADS (--cads adds the library's default settings).</summary>
    public static GuidedRun Baseline { get; } = new() { W = 4, Sampler = "ddim", Steps = 50 };

    readonly RunFlags _run = new([("", Baseline)]);
    readonly Option<int> _perClass = Flags.WholeNumber("--per-class", "K", "samples per class, a row of the grid each", 1, 1000);
    readonly Option<string> _out = Flags.Path("--out", "the PNG to write");
    readonly Option<string> _model = Flags.Path("--model", "U-Net weights [default: the shipped data/models/unet.pt]");

    public SampleCommand() : base("sample", "a PNG grid from the image model, a row per class")
    {
        _perClass.DefaultValueFactory = _ => 8;
        _out.DefaultValueFactory = _ => "grid.png";
        foreach (var option in _run.RunOptions) Options.Add(option);
        Options.Add(_perClass);
        Options.Add(_out);
        Options.Add(_model);
    }

    /// <summary>The run the parsed flags describe.</summary>
    public GuidedRun RunOf(ParseResult result) => _run.Apply(result, Baseline);

    protected override void Check(ParseResult result) => RunOf(result);

    protected override int Run(ParseResult result, TextWriter output)
    {
        var run = RunOf(result);
        var perClass = result.GetValue(_perClass);
        var outPath = Path.GetFullPath(result.GetValue(_out)!);
        var model = result.GetValue(_model) is { } path ? UNet.Load(path) : UNet.LoadShipped();
        output.WriteLine($"sampling on {CadsRuntime.Describe()}");
        output.WriteLine($"{run}; {perClass} per class");
        var bar = new ProgressBar("sample", run.Steps);
        var clock = Stopwatch.StartNew();
        using var images = run.Sample(model.Denoiser, Condition.PerClass(model.Classes, perClass), (_, step, _, _) => bar.Report(step + 1));
        clock.Stop();
        new ImageGrid(images, model.Classes).Save(outPath);
        output.WriteLine($"{images.shape[0]} samples in {clock.Elapsed.TotalSeconds:F1} s on {CadsRuntime.Device.type}; grid written to {outPath}");
        return 0;
    }
}
