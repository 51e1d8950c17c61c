using Cads.Annealing;
using Cads.ImageWorld;
using Cads.Runtime;
using static TorchSharp.torch;
using Cads.Tests.Sampling.Support;

namespace Cads.Tests.ImageWorld;

public class ImageSamplingTests
{
    static UNet TinyUntrained()
    {
        CadsRuntime.Seed(11);
        var net = new UNet(channels: 8, embeddingDim: 16);
        net.eval();
        return net;
    }

    [Fact]
    public void The_same_seed_gives_the_same_images_and_another_seed_others()
    {
        var net = TinyUntrained();
        var settings = new ImageSamplingSettings { PerClass = 1, Steps = 4, Sampler = "ddpm", Seed = 3, Cads = new CadsOptions(), Classes = [1, 2] };
        using var a = ImageSampling.Sample(net, settings);
        using var b = ImageSampling.Sample(net, settings);
        using var c = ImageSampling.Sample(net, settings with { Seed = 4 });
        Assert.Equal(new long[] { 2, 1, 28, 28 }, a.shape);
        Assert.True(a.Identical(b));
        Assert.False(a.allclose(c));
    }

    [Fact]
    public void Sample_i_depends_only_on_its_seed_not_on_the_batch()
    {
        var net = TinyUntrained();
        var settings = new ImageSamplingSettings { PerClass = 3, Steps = 3, Sampler = "ddim", Seed = 8, Classes = [5] };
        using var three = ImageSampling.Sample(net, settings);
        using var one = ImageSampling.Sample(net, settings with { PerClass = 1 });
        Assert.True(three[0].allclose(one[0], rtol: 1e-4, atol: 1e-5));
    }

    [Theory]
    [InlineData(0, 10, "PerClass")]
    [InlineData(1, 0, "Steps")]
    public void Bad_settings_name_the_field(int perClass, int steps, string name)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ImageSampling.Sample(TinyUntrained(), new ImageSamplingSettings { PerClass = perClass, Steps = steps }));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void An_unknown_class_is_refused_with_the_range()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ImageSampling.Sample(TinyUntrained(), new ImageSamplingSettings { Classes = [10] }));
        Assert.Contains("[0, 9]", e.Message);
    }
}

public class ShippedUNetTests
{
    [Fact]
    public void Conditional_samples_of_the_shipped_model_are_recognisably_their_class()
    {
        // The shipped classifier (91.6% on real held-out images) judges the generated ones; plain conditional
        // sampling (w = 1) and mild guidance (w = 2) must both be recognisable far above chance (10%).
        var model = UNet.LoadShipped();
        var classifier = Classifier.LoadShipped();
        foreach (var w in new[] { 1.0, 2.0 })
        {
            var settings = new ImageSamplingSettings { W = w, PerClass = 10, Steps = 20, Sampler = "ddim", Seed = 1 };
            using var images = ImageSampling.Sample(model, settings);
            using var labels = arange(10L, device: CadsRuntime.Device).repeat_interleave(10);
            var accuracy = classifier.Accuracy(images, labels);
            Assert.True(accuracy >= 0.8, $"w = {w}: the classifier recognised {accuracy:P0} of 100 samples as their class");
        }
    }
}
