using Cads.Cli.Commands;
using Cads.Data;
using Cads.ImageWorld;
using Cads.TwoD.Learned;

namespace Cads.Tests.Cli;

/// <summary>`cads train`'s one option set gives each target its own defaults and takes the same flags, without training.</summary>
public class TrainArgsTests
{
    static TrainingArgs ArgsOf(string target, params string[] args)
    {
        var command = (TrainTargetCommand)TrainCommand.Create().Subcommands.Single(c => c.Name == target);
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        return command.ArgsOf(parsed);
    }

    [Fact]
    public void Each_target_defaults_to_the_librarys_settings_and_its_shipped_weights()
    {
        var model = new DenoiserTrainingOptions();
        Assert.Equal(new TrainingArgs(model.Steps, model.BatchSize, model.LearningRate, model.Seed, DataFolder.PathOf(UNet.ShippedPath),
            Path.Combine(RepoPaths.Artifacts, "checkpoints", "unet.ckpt")), ArgsOf("model"));
        var classifier = new ClassifierTrainingOptions();
        Assert.Equal(classifier.Epochs, ArgsOf("classifier").Length);
        Assert.EndsWith(Path.Combine("checkpoints", "classifier.ckpt"), ArgsOf("classifier").CheckpointPath);
        var mlp = new MlpTrainingOptions();
        Assert.Equal(new TrainingArgs(mlp.Steps, mlp.BatchSize, mlp.LearningRate, mlp.Seed, DataFolder.PathOf(MixtureMlp.ShippedPath)), ArgsOf("mlp2d"));
        var weak = DenoiserTrainingOptions.Weak;
        Assert.Equal(new TrainingArgs(weak.Steps, weak.BatchSize, weak.LearningRate, weak.Seed, DataFolder.PathOf(UNet.WeakShippedPath),
            Path.Combine(RepoPaths.Artifacts, "checkpoints", "unet-weak.ckpt")), ArgsOf("weak-model"));
        var lowRes = DenoiserTrainingOptions.LowRes;
        Assert.Equal(new TrainingArgs(lowRes.Steps, lowRes.BatchSize, lowRes.LearningRate, lowRes.Seed, DataFolder.PathOf(LowResUNet.ShippedPath),
            Path.Combine(RepoPaths.Artifacts, "checkpoints", "unet-lowres.ckpt")), ArgsOf("lowres-model"));
        var small = MlpTrainingOptions.SmallData;
        Assert.Equal(new TrainingArgs(small.Steps, small.BatchSize, small.LearningRate, small.Seed, DataFolder.PathOf(MixtureMlp.SmallDataPath)), ArgsOf("mlp2d-small"));
    }

    [Theory]
    [InlineData("model", "--steps")]
    [InlineData("classifier", "--epochs")]
    [InlineData("mlp2d", "--steps")]
    [InlineData("weak-model", "--steps")]
    [InlineData("lowres-model", "--steps")]
    [InlineData("mlp2d-small", "--steps")]
    public void Every_target_takes_the_shared_flags(string target, string length)
    {
        var args = ArgsOf(target, length, "12", "--batch", "16", "--lr", "0.01", "--seed", "3", "--out", "w.pt");
        Assert.Equal((12, 16, 0.01, 3L, Path.GetFullPath("w.pt")), (args.Length, args.Batch, args.LearningRate, args.Seed, args.OutputPath));
    }
}
