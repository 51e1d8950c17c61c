using Cads.Denoisers;
using Cads.Evaluation;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

/// <summary>The exact world's weak model for Autoguidance: the mixture convolved with N(0, delta^2 I).</summary>
public class BlurredMixtureTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();

    [Theory]
    [InlineData(0.07)]
    [InlineData(0.3)]
    [InlineData(1.4)]
    public void Blurring_widens_every_mode_and_moves_nothing(double delta)
    {
        var blurred = World.Blurred(delta);
        Assert.Equal(World.Means, blurred.Means);
        // Weights normalised once more: equal up to rounding.
        Assert.All(World.Weights.Zip(blurred.Weights), p => Assert.Equal(p.First, p.Second, 15));
        Assert.Equal(World.ComponentClasses, blurred.ComponentClasses);
        for (var k = 0; k < World.Components; k++)
            Assert.Equal(Math.Sqrt(World.Stds[k] * World.Stds[k] + delta * delta), blurred.Stds[k], 14);
    }

    [Theory]
    [InlineData(0.25, 0.4)]
    [InlineData(0.6, 0.05)]
    public void The_blurred_density_is_the_density_under_added_noise(double delta, double sigma)
    {
        // Convolving with N(0, delta^2 I), then with N(0, sigma^2 I), is one convolution with N(0, (delta^2 + sigma^2) I).
        var z = World.Sample(400, 3, ScalarType.Float64).X + 0.3 * randn([400, 2], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(4));
        TensorAssert.Close(World.At(1, Math.Sqrt(delta * delta + sigma * sigma)).LogDensity(z), World.Blurred(delta).At(1, sigma).LogDensity(z),
            1e-10, 1e-10, "log density of the blurred world at sigma vs the world at sqrt(delta^2 + sigma^2)");
    }

    [Fact]
    public void No_blur_is_the_world_itself_and_a_bad_blur_is_refused_by_name()
    {
        Assert.Equal(World.Stds, World.Blurred(0).Stds);
        foreach (var bad in new[] { -0.1, double.NaN, double.PositiveInfinity })
        {
            var e = Assert.Throws<ArgumentException>(() => World.Blurred(bad));
            Assert.Equal("delta", e.ParamName);
        }
    }

    [Fact]
    public void The_exact_evaluation_guides_with_the_world_blurred_by_its_guide_blur()
    {
        using var evaluation = new TwoDEvaluation(10);
        var guide = evaluation.Guide!;
        var expected = ExactMixtureModel.NetworkLike(World.Blurred(TwoDEvaluation.GuideBlur), new VpCosineSchedule()).ToDenoiser();
        var z = randn([30, 2], generator: CadsRuntime.Generator(5));
        var y = expected.Encode(Condition.PerClass(3, 10));
        foreach (var t in new[] { 0.2, 0.7 })
            TensorAssert.Equal(expected.Denoise(z, t, y), guide.Denoise(z, t, y), $"guide at t = {t}");
        // Weaker, not the same model: at low noise it pulls less tightly into the modes.
        TensorAssert.NotClose(evaluation.Denoiser.Denoise(z, 0.2, y), guide.Denoise(z, 0.2, y), "the model and its guide at t = 0.2");
        // A learned denoiser brings its own guide, or none.
        using var learned = new TwoDEvaluation(10, evaluation.Denoiser);
        Assert.Null(learned.Guide);
    }
}
