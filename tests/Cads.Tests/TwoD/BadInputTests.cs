using Cads.Schedules;
using Cads.TwoD;
using Cads.TwoD.Learned;

namespace Cads.Tests.TwoD;

public class BadInputTests
{
    static readonly double[,] TwoMeans = { { 0, 0 }, { 1, 1 } };

    [Theory]
    [InlineData(new[] { 0.5, 0.0 }, new[] { 0.1, 0.1 }, new[] { 0, 1 }, "weights")]
    [InlineData(new[] { 0.5, -1.0 }, new[] { 0.1, 0.1 }, new[] { 0, 1 }, "weights")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.1, 0.0 }, new[] { 0, 1 }, "stds")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.1, double.NaN }, new[] { 0, 1 }, "stds")]
    [InlineData(new[] { 0.5, 0.5, 0.5 }, new[] { 0.1, 0.1 }, new[] { 0, 1 }, "weights")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.1 }, new[] { 0, 1 }, "stds")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.1, 0.1 }, new[] { 0 }, "classes")]
    [InlineData(new[] { 0.5, 0.5 }, new[] { 0.1, 0.1 }, new[] { 0, 2 }, "classes")]
    public void An_invalid_mixture_names_its_parameter(double[] weights, double[] stds, int[] classes, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new GaussianMixture2D(TwoMeans, stds, weights, classes));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(parameter, e.Message);
    }

    [Fact]
    public void Means_must_be_K_by_2_and_finite()
    {
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => new GaussianMixture2D(new double[2, 3], [1, 1], [1, 1], [0, 1])).ParamName);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => new GaussianMixture2D(new[,] { { 0, double.PositiveInfinity } }, [1], [1], [0])).ParamName);
    }

    [Fact]
    public void Models_and_training_reject_bad_settings()
    {
        var world = MixturePresets.TwoClasses();
        Assert.Equal("kappa", Assert.Throws<ArgumentException>(() => ExactMixtureModel.NetworkLike(world, new VpCosineSchedule(), 0)).ParamName);
        Assert.Throws<ArgumentException>(() => MlpTraining.Train(new MlpTrainingOptions { World = world, Steps = 1 })); // 2 classes vs a 3-class net
        Assert.Throws<ArgumentException>(() => MlpTraining.Train(new MlpTrainingOptions { CfgDropout = 1.5 }));
    }
}
