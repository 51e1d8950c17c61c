using Cads.Runtime;

namespace Cads.Cli.Commands;

/// <summary>The `cads` command: one verb per capability, each in its own file.</summary>
public static class CadsCommand
{
    public const string Usage = """
        usage: cads <command> [options]

        commands:
          notebooks [paths...] [--out DIR] [--html] [--quick]
                                            execute notebooks headless in the editors' kernel (dotnet-interactive,
                                            pinned in .config/dotnet-tools.json), write executed copies
                                            (default: every notebook in notebooks/, to artifacts/notebooks/);
                                            prints seconds and peak memory per notebook and for the whole run;
                                            --html also writes a page per notebook and index.html; --quick: CADS_QUICK=1
          train model [--steps N --batch B --lr X --seed S --out PATH --checkpoint PATH]
                                            retrain the image U-Net (data/models/unet.pt), resumable
          train classifier [--epochs N --batch B --lr X --seed S --out PATH --checkpoint PATH]
                                            retrain the Fashion-MNIST classifier (data/models/classifier.pt)
          train mlp2d [--steps N --batch B --lr X --seed S --out PATH]
                                            retrain the 2-D world's MLP denoiser (data/models/mlp2d.pt)
          sample [--guidance W] [--cads --tau1 T1 --tau2 T2 --noise-scale S --psi P]
                 [--sampler ddpm|ddim|euler|heun|dpmpp2m] [--steps N] [--per-class K] [--seed S] [--out grid.png]
                                            a PNG grid from the image model, a row per class
          eval [--world images|2d|both] [--size quick|large] [--per-class K --steps N --weights 4,8]
               [--per-class-2d K --steps-2d N --weights-2d 4,8] [--seeds N] [--methods cfg,cads,...]
               [--sampler ddpm|...] [--tau1 T1 --tau2 T2 --noise-scale S --psi P] [--out DIR]
                                            metrics of conditional, cfg, dynamic-cfg, cads, cads+dynamic-cfg,
                                            interval over w and seeds (default artifacts/eval/), resumable;
                                            images: plus a training-data row, the metrics' floor
          bench [--json FILE] [--image-batch B --mlp-batch B --repeats N --loop-steps N --memory-steps N]
                                            speed and memory targets, measured on this device (exit 1 if one is missed)
          info                              show the device and TorchSharp version

        environment: CADS_DEVICE=cpu|cuda overrides the device (default: CUDA when available, else CPU);
                     CADS_QUICK=1 shrinks notebook sample counts (as --quick does).
        """;

    /// <summary>Runs a command; returns the process exit code (0 success, 1 failure, 2 bad usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            // Every verb but the notebook runner uses tensors: the runtime (native fix, device) comes first.
            if (args is [not ("notebooks" or "help" or "--help" or "-h"), ..]) CadsRuntime.Init();
            return args switch
            {
                ["notebooks", .. var rest] => await NotebooksCommand.RunAsync(rest, output),
                ["train", .. var rest] => TrainCommand.Run(rest, output),
                ["sample", .. var rest] => SampleCommand.Run(rest, output),
                ["eval", .. var rest] => EvalCommand.Run(rest, output),
                ["bench", .. var rest] => BenchCommand.Run(rest, output),
                ["info"] => InfoCommand.Run(output),
                [] or ["help" or "--help" or "-h"] => Help(output),
                [var unknown, ..] => throw new UsageException($"unknown command '{unknown}'."),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"cads: {e.Message}");
            error.WriteLine(Usage);
            return 2;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"cads: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            error.WriteLine($"cads: {e.Message}");
            return 1;
        }
    }

    static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return 0;
    }
}

/// <summary>Bad command-line usage: the message says what was wrong.</summary>
public sealed class UsageException(string message) : Exception(message);
