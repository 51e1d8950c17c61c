using Cads.TwoD;
using Cads.TwoD.Learned;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

/// <summary>The 2-D MLP trained on a small fixed set (the deck's slide 4) instead of fresh exact draws.</summary>
public class SmallDataTrainingTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();

    [Fact]
    public void The_training_set_is_fixed_by_the_seed_and_apart_from_the_fresh_draws()
    {
        var (x, labels) = MlpTraining.TrainingSet(World, 30, 0);
        Assert.Equal([30L, 2], x.shape);
        Assert.Equal([30L], labels.shape);
        var (again, _) = MlpTraining.TrainingSet(World, 30, 0);
        Assert.True(x.eq(again).all().item<bool>(), "the same seed gives the same set");
        var (other, _) = MlpTraining.TrainingSet(World, 30, 1);
        Assert.False(x.eq(other).all().item<bool>(), "another seed gives another set");
        // Not one of the fresh batches a run with this seed draws (seed * 1_000_003 + step).
        var (fresh, _) = World.Sample(30, 0);
        Assert.False(x.eq(fresh).all().item<bool>(), "the set is not step 0's fresh draw");
        var e = Assert.Throws<ArgumentException>(() => MlpTraining.TrainingSet(World, 0, 0));
        Assert.Equal("size", e.ParamName);
    }

    [Fact]
    public void A_network_of_one_point_learns_that_point()
    {
        // One training point: the conditional denoiser at low noise must return it wherever z is, as a memorising model does.
        var options = new MlpTrainingOptions { DataSize = 1, Steps = 600, BatchSize = 64, CfgDropout = 0, Seed = 2 };
        var (model, _) = MlpTraining.Train(options);
        var (point, label) = MlpTraining.TrainingSet(World, 1, options.Seed);
        var denoiser = new Cads.Denoisers.ConditionalDenoiser(model, MlpTraining.Schedule);
        using var _ = no_grad();
        var z = point.repeat(5, 1) + 0.2 * randn([5, 2], generator: new Generator(8));
        var x0 = denoiser.Denoise(z * MlpTraining.Schedule.Alpha(0.3), 0.3, model.Embed(label.repeat(5)));
        var error = (x0 - point).square().sum(1).sqrt().max().item<float>();
        Assert.True(error < 0.1, $"largest distance of D(z; t = 0.3) from the one training point {point.data<float>().ToArray()[0]:F3}, ...: {error:F3}");
    }

    [Fact]
    public void A_data_size_below_one_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => MlpTraining.Train(new MlpTrainingOptions { DataSize = 0, Steps = 1 }));
        Assert.Equal("DataSize", e.ParamName);
        Assert.Equal(30, MlpTrainingOptions.SmallData.DataSize);
    }
}
