using Cads.Annealing;
using Cads.Denoisers;
using Cads.Noise;
using Cads.Runs;
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
        var run = new GuidedRun { W = 4, Steps = 4, Sampler = "ddpm", Seeds = new SeedPolicy(3), Cads = new CadsSettings() };
        var classes = Condition.PerClass([1, 2], 1);
        using var a = run.Sample(net.Denoiser, classes);
        using var b = run.Sample(net.Denoiser, classes);
        using var c = run.WithSeed(4).Sample(net.Denoiser, classes);
        Assert.Equal(new long[] { 2, 1, 28, 28 }, a.shape);
        TensorAssert.Equal(a, b, "two runs at seed 3");
        TensorAssert.NotClose(a, c, "runs at seeds 3 and 4");
    }

    [Theory]
    [InlineData("ddim")]
    [InlineData("ddpm")]
    public void Sample_i_depends_only_on_its_seed_not_on_the_batch(string sampler)
    {
        // Per-sample streams: the first sample of a batch of three is the sample of a batch of one, CADS and the
        // sampler's own noise included.
        var net = TinyUntrained();
        var run = new GuidedRun { W = 3, Steps = 3, Sampler = sampler, Seeds = new SeedPolicy(8), Cads = new CadsSettings(0.2, 0.8) };
        using var three = run.Sample(net.Denoiser, Condition.PerClass([5], 3));
        using var one = run.Sample(net.Denoiser, Condition.PerClass([5], 1));
        TensorAssert.Close(one[0], three[0], atol: 1e-5, rtol: 0, "sample 0 in a batch of three vs alone");
        TensorAssert.NotClose(three[0], three[1], "samples 0 and 1 of one class");
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
            var run = new GuidedRun { W = w, Steps = 20, Sampler = "ddim", Seeds = new SeedPolicy(1) };
            using var images = run.Sample(model.Denoiser, Condition.PerClass(10, 10)).clamp(-1, 1);
            using var labels = arange(10L, device: CadsRuntime.Device).repeat_interleave(10);
            var accuracy = classifier.Accuracy(images, labels);
            Assert.True(accuracy >= 0.8, $"w = {w}: the classifier recognised {accuracy:P0} of 100 samples as their class");
        }
    }
}
