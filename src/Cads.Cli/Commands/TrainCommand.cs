using System.CommandLine;
using System.Diagnostics;
using Cads.Data;
using Cads.ImageWorld;
using Cads.Runtime;
using Cads.TwoD.Learned;

namespace Cads.Cli.Commands;

/// <summary>
/// `cads train model|weak-model|lowres-model|classifier|mlp2d|mlp2d-small`: retrains the shipped weights (seeded; the
/// image networks checkpointed and resumable).
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new DenoiserTrainingOptions();
        var weak = DenoiserTrainingOptions.Weak;
        var lowRes = DenoiserTrainingOptions.LowRes;
        var classifier = new ClassifierTrainingOptions();
        var mlp = new MlpTrainingOptions();
        var small = MlpTrainingOptions.SmallData;
        var train = new Command("train", "retrain shipped weights (data/models/); the defaults reproduce them")
        {
            new TrainTargetCommand("model", "retrain the image U-Net; checkpointed, resumable", epochs: false,
                new(model.Steps, model.BatchSize, model.LearningRate, model.Seed), UNet.ShippedPath, "unet.ckpt", (a, o) => TrainUNet(a, o, model, "U-Net")),
            new TrainTargetCommand("weak-model", "retrain the weak U-Net that guides the U-Net in Autoguidance (8/16/32 channels); checkpointed, resumable", epochs: false,
                new(weak.Steps, weak.BatchSize, weak.LearningRate, weak.Seed), UNet.WeakShippedPath, "unet-weak.ckpt", (a, o) => TrainUNet(a, o, weak, "weak U-Net")),
            new TrainTargetCommand("lowres-model", "retrain the U-Net conditioned on 7x7 low-resolution images; checkpointed, resumable", epochs: false,
                new(lowRes.Steps, lowRes.BatchSize, lowRes.LearningRate, lowRes.Seed), LowResUNet.ShippedPath, "unet-lowres.ckpt", TrainLowRes),
            new TrainTargetCommand("classifier", "retrain the Fashion-MNIST classifier; checkpointed, resumable", epochs: true,
                new(classifier.Epochs, classifier.BatchSize, classifier.LearningRate, classifier.Seed), Classifier.ShippedPath, "classifier.ckpt", TrainClassifier),
            new TrainTargetCommand("mlp2d", "retrain the 2-D world's MLP denoiser", epochs: false,
                new(mlp.Steps, mlp.BatchSize, mlp.LearningRate, mlp.Seed), MixtureMlp.ShippedPath, checkpointFile: null, (a, o) => TrainMlp(a, o, mlp, "2-D MLP")),
            new TrainTargetCommand("mlp2d-small", $"retrain the 2-D MLP of small data ({small.DataSize} exact draws, fixed)", epochs: false,
                new(small.Steps, small.BatchSize, small.LearningRate, small.Seed), MixtureMlp.SmallDataPath, checkpointFile: null, (a, o) => TrainMlp(a, o, small, "small-data 2-D MLP")),
        };
        CadsCommand.RequireSubcommand(train);
        return train;
    }

    static int TrainUNet(TrainingArgs a, TextWriter output, DenoiserTrainingOptions defaults, string what) =>
        TrainImageDenoiser(a, output, defaults, what, (data, options, progress) => DenoiserTraining.Train(data.Images, data.Labels, options, progress).Losses);

    static int TrainLowRes(TrainingArgs a, TextWriter output) =>
        TrainImageDenoiser(a, output, DenoiserTrainingOptions.LowRes, "low-resolution-conditioned U-Net",
            (data, options, progress) => DenoiserTraining.TrainLowRes(data.Images, options, progress).Losses);

    static int TrainImageDenoiser(TrainingArgs a, TextWriter output, DenoiserTrainingOptions defaults, string what,
        Func<FashionMnist, DenoiserTrainingOptions, Action<DenoiserTrainingProgress>, IReadOnlyList<double>> train)
    {
        var options = defaults with
        {
            Steps = a.Length, BatchSize = a.Batch, LearningRate = a.LearningRate, Seed = a.Seed,
            OutputPath = a.OutputPath, CheckpointPath = a.CheckpointPath,
        };
        output.WriteLine($"training the {what} on {CadsRuntime.Describe()}: {options.Fingerprint}");
        output.WriteLine($"checkpoint {options.CheckpointPath} (resumed when present); weights -> {options.OutputPath}");
        using var data = FashionMnist.Load("train");
        var bar = new ProgressBar($"train {what}", options.Steps);
        var clock = Stopwatch.StartNew();
        var losses = train(data, options, p => bar.Report(p.Step, $"loss {p.Loss:0.0000}"));
        var tail = losses.TakeLast(Math.Min(100, losses.Count)).DefaultIfEmpty(double.NaN).Average();
        output.WriteLine($"done in {clock.Elapsed:hh\\:mm\\:ss}; mean loss of the last 100 steps {tail:0.0000}; weights written to {options.OutputPath}");
        return 0;
    }

    static int TrainClassifier(TrainingArgs a, TextWriter output)
    {
        var options = new ClassifierTrainingOptions
        {
            Epochs = a.Length, BatchSize = a.Batch, LearningRate = a.LearningRate, Seed = a.Seed,
            OutputPath = a.OutputPath, CheckpointPath = a.CheckpointPath,
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

    static int TrainMlp(TrainingArgs a, TextWriter output, MlpTrainingOptions defaults, string what)
    {
        var options = defaults with
        {
            Steps = a.Length, BatchSize = a.Batch, LearningRate = a.LearningRate, Seed = a.Seed, OutputPath = a.OutputPath,
        };
        output.WriteLine($"training the {what} on {CadsRuntime.Describe()}; weights -> {options.OutputPath}");
        var bar = new ProgressBar($"train {what}", options.Steps);
        var (_, loss) = MlpTraining.Train(options, (step, value) => bar.Report(step + 1, $"loss {value:0.0000}"));
        output.WriteLine($"final loss {loss:0.0000}; weights written to {options.OutputPath}");
        return 0;
    }
}
