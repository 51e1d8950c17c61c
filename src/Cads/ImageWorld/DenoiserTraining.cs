using Cads.Denoisers;
using Cads.IO;
using Cads.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.ImageWorld;

/// <summary>
/// Trains the image world's denoisers by v-prediction on <see cref="UNet.TrainingSchedule"/>:
/// z_t = alpha x0 + sigma eps with t ~ U(0, 1), loss ||v_theta(z_t, t, y) - (alpha eps - sigma x0)||^2, the condition
/// y dropped to the null condition with <see cref="DenoiserTrainingOptions.NullProbability"/> (CFG dropout). y is the
/// class label (<see cref="Train"/>, the shipped and the weak <see cref="UNet"/>) or the image's 7x7 average
/// (<see cref="TrainLowRes"/>, the <see cref="LowResUNet"/>).
/// Seeded, checkpointed, resumable: a resumed run gives the same weights as an uninterrupted one.
/// </summary>
public static class DenoiserTraining
{
    /// <summary>
    /// Trains on images [N, 1, 28, 28] in [-1, 1] with labels [N]; returns the averaged (EMA) model and the loss per
    /// step. The network is <paramref name="createModel"/>'s, by default a <see cref="UNet"/> of <see cref="DenoiserTrainingOptions.Channels"/>.
    /// </summary>
    public static (UNet Model, IReadOnlyList<double> Losses) Train(Tensor images, Tensor labels, DenoiserTrainingOptions options,
        Action<DenoiserTrainingProgress>? progress = null, Func<UNet>? createModel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        TrainingSupport.CheckData(images, labels);
        using var y = labels.to(CadsRuntime.Device);
        return Train(images, options, createModel ?? (() => new UNet(channels: options.Channels)), "cads unet checkpoint v1",
            (model, index, _, drop) => model.Embed(where(drop, model.NullClass, y.index_select(0, index))), progress);
    }

    /// <summary>
    /// Trains a <see cref="LowResUNet"/> on images [N, 1, 28, 28] in [-1, 1], each conditioned on its own 7x7 average
    /// (<see cref="LowResUNet.Downsample"/>), the null condition being 0; returns the averaged (EMA) model and the loss per step.
    /// </summary>
    public static (LowResUNet Model, IReadOnlyList<double> Losses) TrainLowRes(Tensor images, DenoiserTrainingOptions options,
        Action<DenoiserTrainingProgress>? progress = null, Func<LowResUNet>? createModel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        TrainingSupport.CheckImages(images);
        return Train(images, options, createModel ?? (() => new LowResUNet(options.Channels)), "cads lowres unet checkpoint v1",
            (_, _, x0, drop) => where(drop.view(-1, 1, 1, 1), 0f, LowResUNet.Downsample(x0)), progress);
    }

    // condition: (model, batch indices, batch images, dropped) to the condition tensor the model takes.
    static (TModel Model, IReadOnlyList<double> Losses) Train<TModel>(Tensor images, DenoiserTrainingOptions options,
        Func<TModel> createModel, string checkpointKind, Func<TModel, Tensor, Tensor, Tensor, Tensor> condition,
        Action<DenoiserTrainingProgress>? progress) where TModel : nn.Module<Tensor, Tensor, Tensor, Tensor>
    {
        options.Validate();
        var device = CadsRuntime.Device;
        CadsRuntime.Seed(options.Seed);
        var model = createModel().to(device);
        var ema = createModel().to(device);
        CopyWeights(model, ema);
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        var done = options.CheckpointPath is { } checkpoint && File.Exists(checkpoint)
            ? Checkpoint.Load(checkpoint, checkpointKind, options.Fingerprint, optimizer, model, ema)
            : 0;

        using var x = images.to(device);
        var schedule = UNet.TrainingSchedule;
        var losses = new List<double>();
        model.train();
        for (var step = done + 1; step <= options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            // Each step's draws depend on (seed, step) only, so resuming repeats the uninterrupted run.
            CadsRuntime.Seed(unchecked(options.Seed * 1_000_003 + step));
            TrainingSupport.SetLearningRate(optimizer, LearningRate(options, step));

            var index = randint(0, x.shape[0], [options.BatchSize], device: device);
            var x0 = x.index_select(0, index);
            var drop = rand(options.BatchSize, device: device) < options.NullProbability;
            var t = rand(options.BatchSize, float64);
            // One host pass per step for alpha(t), sigma(t): any schedule, no tensor formula to keep in step with it.
            var times = t.data<double>().ToArray();
            var alpha = tensor(times.Select(schedule.Alpha).ToArray(), float32, device).view(-1, 1, 1, 1);
            var sigma = tensor(times.Select(schedule.Sigma).ToArray(), float32, device).view(-1, 1, 1, 1);
            var eps = randn_like(x0);
            var zt = alpha * x0 + sigma * eps;
            var target = alpha * eps - sigma * x0;
            var loss = nn.functional.mse_loss(model.forward(zt, t.to(float32).to(device), condition(model, index, x0, drop)), target);

            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            UpdateAverage(model, ema, options.EmaDecay);

            var lossValue = loss.item<float>();
            losses.Add(lossValue);
            progress?.Invoke(new DenoiserTrainingProgress(step, options.Steps, lossValue));
            if (options.CheckpointPath is { } path && (step % options.CheckpointEvery == 0 || step == options.Steps))
                Checkpoint.Save(path, checkpointKind, step, options.Fingerprint, optimizer, model, ema);
        }

        ema.eval();
        if (options.OutputPath is { } output) Weights.Save(ema, output);
        return (ema, losses);
    }

    // Linear warm-up over the first 5% of steps (Adam's early moments are noisy), then cosine decay to zero.
    static double LearningRate(DenoiserTrainingOptions options, int step)
    {
        var warmup = Math.Max(1, options.Steps / 20);
        if (step <= warmup) return options.LearningRate * step / warmup;
        return options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (step - warmup) / (options.Steps - warmup + 1)));
    }


    static void CopyWeights(nn.Module from, nn.Module to)
    {
        using var _ = no_grad();
        foreach (var (source, target) in from.parameters().Zip(to.parameters())) target.copy_(source);
    }

    static void UpdateAverage(nn.Module model, nn.Module average, double decay)
    {
        using var _ = no_grad();
        foreach (var (p, a) in model.parameters().Zip(average.parameters())) a.mul_(decay).add_(p, alpha: 1 - decay);
    }
}
