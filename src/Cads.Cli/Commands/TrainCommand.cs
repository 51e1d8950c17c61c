using Cads.Data;
using Cads.ImageWorld;
using Cads.Runtime;
using Cads.TwoD.Learned;

namespace Cads.Cli.Commands;

/// <summary>`cads train model|classifier`: retrains the shipped weights (seeded, checkpointed, resumable).</summary>
public static class TrainCommand
{
    public static int Run(string[] args, TextWriter output) => args switch
    {
        ["model", .. var rest] => TrainModel(new CommandOptions(rest, ["steps", "batch", "lr", "seed", "out", "checkpoint"]), output),
        ["classifier", .. var rest] => TrainClassifier(new CommandOptions(rest, ["epochs", "batch", "lr", "seed", "out", "checkpoint"]), output),
        ["mlp2d", .. var rest] => TrainMlp(new CommandOptions(rest, ["steps", "batch", "lr", "seed", "out"]), output),
        _ => throw new UsageException("train needs what to train: model (the image U-Net), classifier, or mlp2d (the 2-D world's MLP)."),
    };

    static int TrainModel(CommandOptions o, TextWriter output)
    {
        var defaults = new DenoiserTrainingOptions();
        var options = defaults with
        {
            Steps = o.Int("steps", defaults.Steps, 1, 10_000_000),
            BatchSize = o.Int("batch", defaults.BatchSize, 1, 65536),
            LearningRate = o.Double("lr", defaults.LearningRate, 1e-8, 1),
            Seed = o.Long("seed", defaults.Seed),
            OutputPath = Path.GetFullPath(o.String("out") ?? DataFolder.PathOf(UNet.ShippedPath)),
            CheckpointPath = Path.GetFullPath(o.String("checkpoint") ?? Path.Combine(RepoPaths.Artifacts, "checkpoints", "unet.ckpt")),
        };
        output.WriteLine($"training the U-Net on {CadsRuntime.Describe()}: {options.Fingerprint}");
        output.WriteLine($"checkpoint {options.CheckpointPath} (resumed when present); weights -> {options.OutputPath}");
        using var data = FashionMnist.Load("train");
        var bar = new ProgressBar("train model", options.Steps);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (_, losses) = DenoiserTraining.Train(data.Images, data.Labels, options, p => bar.Report(p.Step, $"loss {p.Loss:0.0000}"));
        var tail = losses.TakeLast(Math.Min(100, losses.Count)).DefaultIfEmpty(double.NaN).Average();
        output.WriteLine($"done in {clock.Elapsed:hh\\:mm\\:ss}; mean loss of the last 100 steps {tail:0.0000}; weights written to {options.OutputPath}");
        return 0;
    }

    static int TrainMlp(CommandOptions o, TextWriter output)
    {
        var defaults = new MlpTrainingOptions();
        var options = defaults with
        {
            Steps = o.Int("steps", defaults.Steps, 1, 10_000_000),
            BatchSize = o.Int("batch", defaults.BatchSize, 1, 65536),
            LearningRate = o.Double("lr", defaults.LearningRate, 1e-8, 1),
            Seed = o.Long("seed", defaults.Seed),
            OutputPath = Path.GetFullPath(o.String("out") ?? DataFolder.PathOf(MixtureMlp.ShippedPath)),
        };
        output.WriteLine($"training the 2-D MLP on {CadsRuntime.Describe()}; weights -> {options.OutputPath}");
        var bar = new ProgressBar("train mlp2d", options.Steps);
        var (_, loss) = MlpTraining.Train(options, (step, value) => bar.Report(step + 1, $"loss {value:0.0000}"));
        output.WriteLine($"final loss {loss:0.0000}; weights written to {options.OutputPath}");
        return 0;
    }

    static int TrainClassifier(CommandOptions o, TextWriter output)
    {
        var defaults = new ClassifierTrainingOptions();
        var options = defaults with
        {
            Epochs = o.Int("epochs", defaults.Epochs, 1, 10_000),
            BatchSize = o.Int("batch", defaults.BatchSize, 1, 65536),
            LearningRate = o.Double("lr", defaults.LearningRate, 1e-8, 1),
            Seed = o.Long("seed", defaults.Seed),
            OutputPath = Path.GetFullPath(o.String("out") ?? DataFolder.PathOf(Classifier.ShippedPath)),
            CheckpointPath = Path.GetFullPath(o.String("checkpoint") ?? Path.Combine(RepoPaths.Artifacts, "checkpoints", "classifier.ckpt")),
        };
        output.WriteLine($"training the classifier on {CadsRuntime.Describe()}; weights -> {options.OutputPath}");
        using var train = FashionMnist.Load("train");
        using var heldOut = FashionMnist.Load("heldout");
        var bar = new ProgressBar("train classifier", options.Epochs * (int)Math.Ceiling(train.Count / (double)options.BatchSize));
        var result = ClassifierTraining.Train(train.Images, train.Labels, options,
            p => bar.Report((p.Epoch - 1) * p.StepsPerEpoch + p.Step, $"loss {p.Loss:0.000} acc {p.Accuracy:0.00}"));
        output.WriteLine($"held-out accuracy {result.Model.Accuracy(heldOut.Images, heldOut.Labels):P2}; weights written to {options.OutputPath}");
        return 0;
    }
}
