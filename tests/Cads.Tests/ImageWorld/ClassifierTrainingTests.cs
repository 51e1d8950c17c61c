using Cads.Data;
using Cads.ImageWorld;
using Cads.Tests.Sampling.Support;
using TorchSharp;

namespace Cads.Tests.ImageWorld;

public class ClassifierTrainingTests
{
    static readonly Lazy<FashionMnist> Train = new(() => FashionMnist.Load("train"));

    static (torch.Tensor Images, torch.Tensor Labels) First(int count) =>
        (Train.Value.Images[..count], Train.Value.Labels[..count]);

    [Fact]
    public void One_epoch_on_512_images_lowers_the_loss()
    {
        var (images, labels) = First(512);
        var steps = new List<ClassifierTrainingProgress>();
        using var model = ClassifierTraining.Train(images, labels, new ClassifierTrainingOptions { Epochs = 1, BatchSize = 32, Seed = 3 }, steps.Add).Model;
        Assert.Equal(16, steps.Count);
        Assert.All(steps, s => Assert.Equal((1, 1, 16), (s.Epoch, s.Epochs, s.StepsPerEpoch)));
        var first = steps.Take(4).Average(s => s.Loss);
        var last = steps.TakeLast(4).Average(s => s.Loss);
        Assert.True(last < 0.8 * first, $"loss went from {first:F3} to {last:F3}");
    }

    [Fact]
    public void Resume_continues_after_the_checkpoint_epoch_and_matches_an_uninterrupted_run()
    {
        using var temp = new TempFolder();
        var (images, labels) = First(256);
        var options = new ClassifierTrainingOptions { Epochs = 3, BatchSize = 64, Seed = 5, CheckpointPath = temp.File("c.checkpoint") };

        // Interrupt the run as it starts epoch 3: the checkpoint then records 2 epochs.
        Assert.Throws<OperationCanceledException>(() => ClassifierTraining.Train(images, labels, options,
            p => { if (p.Epoch == 3) throw new OperationCanceledException(); }));
        var epochs = new List<int>();
        var resumed = ClassifierTraining.Train(images, labels, options, p => epochs.Add(p.Epoch));
        using var uninterrupted = ClassifierTraining.Train(images, labels, options with { CheckpointPath = null }).Model;

        Assert.Equal(3, resumed.FirstEpoch);
        Assert.Single(resumed.EpochLosses);
        Assert.Equal(Enumerable.Repeat(3, 4), epochs);
        using var probe = images[..32];
        TensorAssert.Close(uninterrupted.Logits(probe), resumed.Model.Logits(probe), atol: 1e-4, rtol: 1e-4, "resumed vs uninterrupted logits");
        resumed.Model.Dispose();
    }

    [Fact]
    public void Checkpoint_of_other_settings_is_refused()
    {
        using var temp = new TempFolder();
        var (images, labels) = First(64);
        var options = new ClassifierTrainingOptions { Epochs = 1, BatchSize = 32, CheckpointPath = temp.File("c.checkpoint") };
        ClassifierTraining.Train(images, labels, options).Model.Dispose();
        var e = Assert.Throws<InvalidDataException>(() => ClassifierTraining.Train(images, labels, options with { Epochs = 2, Seed = 9 }));
        Assert.StartsWith($"{options.CheckpointPath}: made with 1 epochs, seed 0", e.Message);
    }

    [Fact]
    public void Writes_weights_to_the_output_path()
    {
        using var temp = new TempFolder();
        var (images, labels) = First(64);
        using var model = ClassifierTraining.Train(images, labels,
            new ClassifierTrainingOptions { Epochs = 1, BatchSize = 64, OutputPath = temp.File("out.pt") }).Model;
        using var loaded = Classifier.Load(temp.File("out.pt"));
        TensorAssert.Close(model.Logits(images), loaded.Logits(images), TensorAssert.DefaultAtol, TensorAssert.DefaultRtol, "loaded vs trained logits");
    }

    [Theory]
    [InlineData(0, 128, 1e-3, "Epochs")]
    [InlineData(1, 0, 1e-3, "BatchSize")]
    [InlineData(1, 128, 0.0, "LearningRate")]
    [InlineData(1, 128, double.NaN, "LearningRate")]
    public void Out_of_range_options_name_the_setting(int epochs, int batchSize, double learningRate, string name)
    {
        var options = new ClassifierTrainingOptions { Epochs = epochs, BatchSize = batchSize, LearningRate = learningRate };
        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(name, e.ParamName);
    }
}
