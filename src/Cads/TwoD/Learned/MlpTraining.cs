using Cads.IO;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.TwoD.Learned;

/// <summary>What <see cref="MlpTraining.Train"/> does.</summary>
public sealed record MlpTrainingOptions
{
    /// <summary>Optimiser steps.</summary>
    public int Steps { get; init; } = 4000;
    /// <summary>Exact samples per step (fresh every step, unless <see cref="DataSize"/> fixes a training set).</summary>
    public int BatchSize { get; init; } = 512;
    /// <summary>
    /// null: fresh exact draws every step (the data set is the mixture itself). n: a fixed training set of n exact
    /// draws, made once from <see cref="Seed"/>, each step's batch drawn from it with replacement (small data: the
    /// network can learn the set instead of the mixture).
    /// </summary>
    public int? DataSize { get; init; }
    /// <summary>Adam's learning rate at the start; cosine-annealed to zero.</summary>
    public double LearningRate { get; init; } = 2e-3;
    /// <summary>Seeds the initial weights, the data, the times, the noise and the dropout.</summary>
    public long Seed { get; init; }
    /// <summary>The probability that a label is replaced by the null class (CFG dropout), so one network learns D(z|c) and D(z|null).</summary>
    public double CfgDropout { get; init; } = 0.15;
    /// <summary>Where to write the weights (atomically); null to keep them in memory only.</summary>
    public string? OutputPath { get; init; }
    /// <summary>The world to learn; by default <see cref="MixturePresets.ThreeClassesManyModes"/>.</summary>
    public GaussianMixture2D? World { get; init; }
    /// <summary>The network's shape; its Classes must match the world's.</summary>
    public MlpArchitecture Architecture { get; init; } = new();

    /// <summary>
    /// The shipped small-data network's settings: the shipped MLP's, on a fixed set of 30 exact draws (10 per class on
    /// average) instead of fresh ones. The deck's slide 4: a model of little data lacks diversity even at low guidance.
    /// </summary>
    public static MlpTrainingOptions SmallData { get; } = new() { DataSize = 30 };
}

/// <summary>Trains a <see cref="MixtureMlp"/> on exact draws of a mixture with the v-prediction loss and CFG dropout.</summary>
public static class MlpTraining
{
    /// <summary>The schedule the MLP learns and samples on: VP cosine, which spends its steps where the 2-D modes separate.</summary>
    public static NoiseSchedule Schedule { get; } = new VpCosineSchedule();

    // Training times: a fine table of t in (0, 1), so alpha(t), sigma(t) come from the host-side schedule once.
    const int TimeTable = 1000;

    /// <summary>
    /// Minimises E || v_theta(alpha x0 + sigma eps, t, e(c')) - (alpha eps - sigma x0) ||^2 over x0, c ~ p(x, c),
    /// t ~ U(0, 1), eps ~ N(0, I), c' = null with probability <see cref="MlpTrainingOptions.CfgDropout"/>, else c.
    /// </summary>
    /// <param name="options">Steps, batch, learning rate, seed, dropout, output path.</param>
    /// <param name="progress">Called after every step with (step, loss).</param>
    /// <returns>The trained network (in eval mode) and the mean loss of the last 10% of the steps.</returns>
    public static (MixtureMlp Model, double FinalLoss) Train(MlpTrainingOptions options, Action<int, double>? progress = null)
    {
        Check.AtLeast(options.Steps, 1, nameof(options.Steps));
        Check.AtLeast(options.BatchSize, 1, nameof(options.BatchSize));
        Check.Positive(options.LearningRate, nameof(options.LearningRate));
        Check.InRange(options.CfgDropout, 0, 1, nameof(options.CfgDropout));
        if (options.DataSize is { } size) Check.AtLeast(size, 1, nameof(options.DataSize));
        var world = options.World ?? MixturePresets.ThreeClassesManyModes();
        if (world.Classes != options.Architecture.Classes)
            throw new ArgumentException(
                $"options.Architecture.Classes must equal the world's {world.Classes} classes; got {options.Architecture.Classes}", nameof(options));

        CadsRuntime.Seed(options.Seed); // the initial weights come from torch's global generator
        var device = CadsRuntime.Device;
        var model = new MixtureMlp(options.Architecture);
        model.train();
        var generator = CadsRuntime.Generator(options.Seed + 1);
        var times = (arange(TimeTable, ScalarType.Float64) + 0.5) / TimeTable;
        var t = times.data<double>().ToArray();
        using var timeTable = times.to(ScalarType.Float32, device);
        using var alphas = tensor(t.Select(Schedule.Alpha).ToArray(), ScalarType.Float32, device);
        using var sigmas = tensor(t.Select(Schedule.Sigma).ToArray(), ScalarType.Float32, device);
        times.Dispose();

        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        var lrSchedule = optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Steps);
        var trainingSet = options.DataSize is { } n ? TrainingSet(world, n, options.Seed) : default;
        var tail = Math.Max(1, options.Steps / 10);
        var tailLoss = 0.0;
        for (var step = 0; step < options.Steps; step++)
        {
            using var scope = NewDisposeScope();
            var (x0, labels) = trainingSet.X is null
                ? world.Sample(options.BatchSize, options.Seed * 1_000_003 + step)
                : Batch(trainingSet, options.BatchSize, generator);
            var dropped = rand(options.BatchSize, device: device, generator: generator).lt(options.CfgDropout);
            labels = labels.masked_fill(dropped, model.NullClass);
            var index = randint(TimeTable, [options.BatchSize], device: device, generator: generator);
            var alpha = alphas.index_select(0, index).unsqueeze(1);
            var sigma = sigmas.index_select(0, index).unsqueeze(1);
            var eps = randn([options.BatchSize, 2], device: device, generator: generator);
            var z = alpha * x0 + sigma * eps;
            var target = alpha * eps - sigma * x0;
            var loss = (model.forward(z, timeTable.index_select(0, index), model.EmbedForTraining(labels)) - target).square().mean();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            lrSchedule.step();
            var value = loss.item<float>();
            if (step >= options.Steps - tail) tailLoss += value / tail;
            progress?.Invoke(step, value);
        }
        trainingSet.X?.Dispose();
        trainingSet.Labels?.Dispose();
        model.eval();
        if (options.OutputPath is { } path) Weights.Save(model, path);
        return (model, tailLoss);
    }

    /// <summary>The fixed training set of <see cref="MlpTrainingOptions.DataSize"/> exact draws that a run with this seed learns.</summary>
    public static (Tensor X, Tensor Labels) TrainingSet(GaussianMixture2D world, int size, long seed)
    {
        Check.AtLeast(size, 1, nameof(size));
        // A seed apart from every step's fresh draws (seed * 1_000_003 + step), so the set is not one of them.
        var (x, labels) = world.Sample(size, seed * 1_000_003 - 1);
        return (x.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
    }

    static (Tensor X, Tensor Labels) Batch((Tensor X, Tensor Labels) set, int batch, Generator generator)
    {
        var index = randint(set.X.shape[0], [batch], device: set.X.device, generator: generator);
        return (set.X.index_select(0, index), set.Labels.index_select(0, index));
    }
}
