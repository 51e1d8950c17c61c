using Cads.IO;
using Cads.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.ImageWorld;

/// <summary>Trains <see cref="Classifier"/> with Adam and cross-entropy, seeded, checkpointed every epoch, resumable.</summary>
public static class ClassifierTraining
{
    const string CheckpointKind = "cads classifier checkpoint v3";

    // What a resumed run must share with the run that wrote the checkpoint.
    static string Fingerprint(ClassifierTrainingOptions o, long count) =>
        $"{o.Epochs} epochs, seed {o.Seed}, batch size {o.BatchSize}, learning rate {o.LearningRate}, {count} images";

    /// <summary>
    /// Trains a classifier on <paramref name="images"/> ([N, 1, 28, 28] in [-1, 1]) and <paramref name="labels"/> ([N], int64).
    /// When <see cref="ClassifierTrainingOptions.CheckpointPath"/> exists, training continues after the epoch it records,
    /// and gives the same weights as an uninterrupted run.
    /// </summary>
    public static ClassifierTrainingResult Train(
        Tensor images, Tensor labels, ClassifierTrainingOptions options, Action<ClassifierTrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        TrainingSupport.CheckData(images, labels);

        var device = CadsRuntime.Device;
        CadsRuntime.Seed(options.Seed);
        var model = new Classifier();
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        var count = images.shape[0];
        var epochsDone = options.CheckpointPath is { } checkpoint && File.Exists(checkpoint)
            ? Checkpoint.Load(checkpoint, CheckpointKind, Fingerprint(options, count), optimizer, model)
            : 0;

        using var x = images.to(device);
        using var y = labels.to(device);
        var stepsPerEpoch = (int)((count + options.BatchSize - 1) / options.BatchSize);
        var losses = new List<double>();
        for (var epoch = epochsDone + 1; epoch <= options.Epochs; epoch++)
        {
            model.train();
            // Each epoch's shuffle and dropout depend only on (seed, epoch), so a resumed run repeats an uninterrupted one.
            CadsRuntime.Seed(unchecked(options.Seed * 1_000_003 + epoch));
            using var order = randperm(count, device: device);
            var lossSum = 0.0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                using var scope = NewDisposeScope();
                TrainingSupport.SetLearningRate(optimizer, CosineLearningRate(options, epoch - 1 + (double)step / stepsPerEpoch));
                var start = (long)step * options.BatchSize;
                var batch = order.narrow(0, start, Math.Min(options.BatchSize, count - start));
                var target = y.index_select(0, batch);
                var logits = model.forward(x.index_select(0, batch));
                var loss = nn.functional.cross_entropy(logits, target);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();

                var lossValue = loss.item<float>();
                lossSum += lossValue;
                var accuracy = logits.argmax(1).eq(target).to(ScalarType.Float32).mean().item<float>();
                progress?.Invoke(new ClassifierTrainingProgress(epoch, options.Epochs, step + 1, stepsPerEpoch, lossValue, accuracy));
            }
            losses.Add(lossSum / stepsPerEpoch);
            if (options.CheckpointPath is { } path)
                Checkpoint.Save(path, CheckpointKind, epoch, Fingerprint(options, count), optimizer, model);
        }

        model.eval();
        if (options.OutputPath is { } output) model.Save(output);
        return new ClassifierTrainingResult(model, epochsDone + 1, losses);
    }

    // Cosine decay from the set rate to zero over all epochs: the late, small steps settle the weights. A function of
    // progress alone (no scheduler state), so resuming needs nothing more than the epoch.
    static double CosineLearningRate(ClassifierTrainingOptions options, double epochsDone) =>
        options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * epochsDone / options.Epochs));

}
