using Cads.ImageWorld;
using Cads.Runtime;
using static TorchSharp.torch;
using Cads.Tests.Sampling.Support;

namespace Cads.Tests.ImageWorld;

public class DenoiserTrainingTests
{
    static UNet Tiny() => new UNet(channels: 8, embeddingDim: 16);

    // A learnable toy set: each class is one fixed random image plus a little noise.
    static (Tensor Images, Tensor Labels) ToyData(int n)
    {
        CadsRuntime.Seed(42);
        var prototypes = rand(10, 1, 28, 28) * 2 - 1;
        var labels = arange(n) % 10;
        return ((prototypes.index_select(0, labels) + 0.05 * randn(n, 1, 28, 28)).clamp(-1, 1), labels);
    }

    // The training objective on one fixed batch (fixed images, times and noise), so before and after compare exactly.
    static double FixedBatchLoss(UNet model, Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var t = linspace(0.05, 0.95, images.shape[0], float64);
        var times = t.data<double>().ToArray();
        var alpha = tensor(times.Select(UNet.TrainingSchedule.Alpha).ToArray(), float32).view(-1, 1, 1, 1);
        var sigma = tensor(times.Select(UNet.TrainingSchedule.Sigma).ToArray(), float32).view(-1, 1, 1, 1);
        var eps = randn(images.shape, generator: new Generator(99));
        var v = model.Forward(alpha * images + sigma * eps, t.to(float32), model.Embed(labels));
        return nn.functional.mse_loss(v, alpha * eps - sigma * images).item<float>();
    }

    [Fact]
    public void A_short_run_lowers_the_loss()
    {
        var (images, labels) = ToyData(256);
        // EmaDecay 0: the returned weights are the trained ones, not an average that still lags behind them.
        var options = new DenoiserTrainingOptions { Steps = 120, BatchSize = 32, LearningRate = 5e-3, EmaDecay = 0, Seed = 3 };
        CadsRuntime.Seed(options.Seed);
        var before = FixedBatchLoss(Tiny(), images[..64], labels[..64]);   // the same initial weights Train starts from
        var (trained, _) = DenoiserTraining.Train(images, labels, options, createModel: Tiny);
        var after = FixedBatchLoss(trained, images[..64], labels[..64]);
        Assert.True(after < 0.7 * before, $"fixed-batch loss {before:0.0000} before, {after:0.0000} after 120 steps");
    }

    [Fact]
    public void An_interrupted_run_resumes_from_its_checkpoint_to_the_same_weights()
    {
        using var folder = new TempFolder();
        var (images, labels) = ToyData(64);
        var options = new DenoiserTrainingOptions { Steps = 6, BatchSize = 8, Seed = 5, CheckpointEvery = 3 };
        var (straight, _) = DenoiserTraining.Train(images, labels, options, createModel: Tiny);

        var resumable = options with { CheckpointPath = folder.File("u.ckpt") };
        Assert.Throws<OperationCanceledException>(() => DenoiserTraining.Train(images, labels, resumable,
            p => { if (p.Step == 4) throw new OperationCanceledException("interrupted"); }, Tiny));
        var resumedSteps = new List<int>();
        var (resumed, _) = DenoiserTraining.Train(images, labels, resumable, p => resumedSteps.Add(p.Step), Tiny);

        Assert.Equal([4, 5, 6], resumedSteps);
        foreach (var (a, b) in straight.parameters().Zip(resumed.parameters()))
            TensorAssert.Equal(a, b, "resumed vs uninterrupted weights");
    }

    [Fact]
    public void A_checkpoint_made_with_other_settings_is_refused()
    {
        using var folder = new TempFolder();
        var (images, labels) = ToyData(32);
        var options = new DenoiserTrainingOptions { Steps = 2, BatchSize = 8, CheckpointPath = folder.File("u.ckpt") };
        DenoiserTraining.Train(images, labels, options, createModel: Tiny);
        var e = Assert.Throws<InvalidDataException>(() =>
            DenoiserTraining.Train(images, labels, options with { Seed = 9 }, createModel: Tiny));
        Assert.Contains("seed 0", e.Message);
        Assert.Contains("seed 9", e.Message);
    }

    [Theory]
    [InlineData(0, 128, 0.15, "Steps")]
    [InlineData(10, 0, 0.15, "BatchSize")]
    [InlineData(10, 128, 1.0, "NullProbability")]
    public void Bad_options_name_the_setting(int steps, int batch, double nullProbability, string name)
    {
        var options = new DenoiserTrainingOptions { Steps = steps, BatchSize = batch, NullProbability = nullProbability };
        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, e.ParamName);
    }
}
