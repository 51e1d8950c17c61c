using Cads.ImageWorld;
using Cads.Runtime;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.ImageWorld;

/// <summary>The denoiser conditioned on a 7x7 image (issue #17's condition that is not a label).</summary>
public class LowResUNetTests
{
    static LowResUNet Tiny() => new(channels: 8, embeddingDim: 16);

    [Fact]
    public void Downsample_averages_each_4x4_block()
    {
        var images = rand([2, 1, 28, 28], generator: CadsRuntime.Generator(1)) * 2 - 1;
        var low = LowResUNet.Downsample(images);
        Assert.Equal([2L, 1, 7, 7], low.shape);
        var pixels = images.data<float>().ToArray();
        var lows = low.data<float>().ToArray();
        foreach (var (b, r, c) in new[] { (0, 0, 0), (0, 3, 5), (1, 6, 6), (1, 2, 0) })
        {
            var sum = 0.0;
            for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++)
                sum += pixels[b * 784 + (4 * r + i) * 28 + 4 * c + j];
            Assert.Equal(sum / 16, lows[b * 49 + r * 7 + c], 5);
        }
    }

    // Each of the three conditions alone must refuse: a wrong rank, a wrong height, a wrong width.
    [Theory]
    [InlineData(new long[] { 1, 28, 28 })]
    [InlineData(new long[] { 2, 1, 14, 28 })]
    [InlineData(new long[] { 2, 1, 28, 14 })]
    [InlineData(new long[] { 2, 1, 14, 14 })]
    public void Downsample_refuses_anything_but_B_C_28_28_and_says_what_it_got(long[] shape)
    {
        var e = Assert.Throws<ArgumentException>(() => LowResUNet.Downsample(zeros(shape)));
        Assert.Equal($"images must have shape [B, C, 28, 28]; got [{string.Join(", ", shape)}] (Parameter 'images')", e.Message);
    }

    [Fact]
    public void Upsample_repeats_each_pixel_over_its_block_so_downsampling_gives_it_back()
    {
        var condition = randn([3, 1, 7, 7], generator: CadsRuntime.Generator(2));
        var up = LowResUNet.Upsample(condition);
        Assert.Equal([3L, 1, 28, 28], up.shape);
        Assert.Equal(condition[1, 0, 2, 5].item<float>(), up[1, 0, 8 + 3, 20].item<float>());
        TensorAssert.Close(condition, LowResUNet.Downsample(up), 1e-6, 1e-6, "Downsample(Upsample(y)) vs y");
    }

    [Fact]
    public void The_network_maps_an_image_and_a_condition_image_to_an_image_and_its_null_condition_is_zero()
    {
        CadsRuntime.Seed(0);
        using var net = Tiny();
        Assert.Equal([1L, 7, 7], net.ConditionShape);
        Assert.Equal([1L, 28, 28], net.SampleShape);
        var x = randn(3, 1, 28, 28);
        var y = randn(3, 1, 7, 7);
        var output = net.Forward(x, rand(3), y);
        Assert.Equal([3L, 1, 28, 28], output.shape);
        Assert.Equal(0, net.NullCondition(4).abs().sum().item<float>());
        Assert.Equal([4L, 1, 7, 7], net.NullCondition(4).shape);
        // The condition matters: another condition image changes the output.
        TensorAssert.NotClose(output, net.Forward(x, rand(3), y.flip(0)), "outputs under two conditions");
        Assert.Throws<NotSupportedException>(() => ((Cads.Denoisers.IDiffusionModel)net).Embed(tensor(new long[] { 1 })));
        var e = Assert.Throws<FileNotFoundException>(() => LowResUNet.Load("/nonexistent/lowres.pt"));
        Assert.Contains("cads train lowres-model", e.Message);
    }

    [Fact]
    public void A_unet_without_classes_takes_its_condition_embedding_from_outside()
    {
        using var body = new UNet(classes: 0, channels: 8, embeddingDim: 16, inChannels: 2);
        var e = Assert.Throws<NotSupportedException>(() => body.Embed(tensor(new long[] { 0 })));
        Assert.Contains("no classes", e.Message);
        Assert.Equal([2L, 1, 28, 28], body.forward(randn(2, 2, 28, 28), rand(2), randn(2, 16)).shape);
        Assert.DoesNotContain(body.named_parameters(), p => p.name.Contains("classEmbedding"));
    }

    [Fact]
    public void Training_conditions_on_each_images_own_average_and_resumes_to_the_same_weights()
    {
        using var folder = new TempFolder();
        CadsRuntime.Seed(42);
        var images = (rand(32, 1, 28, 28) * 2 - 1).clamp(-1, 1);
        var options = new DenoiserTrainingOptions { Steps = 4, BatchSize = 8, Seed = 5, CheckpointEvery = 2 };
        var (straight, losses) = DenoiserTraining.TrainLowRes(images, options, createModel: Tiny);
        Assert.Equal(4, losses.Count);
        Assert.All(losses, l => Assert.True(double.IsFinite(l) && l > 0, $"loss {l}"));
        var resumable = options with { CheckpointPath = folder.File("l.ckpt") };
        Assert.Throws<OperationCanceledException>(() => DenoiserTraining.TrainLowRes(images, resumable,
            p => { if (p.Step == 3) throw new OperationCanceledException("interrupted"); }, Tiny));
        var (resumed, _) = DenoiserTraining.TrainLowRes(images, resumable, createModel: Tiny);
        foreach (var (a, b) in straight.parameters().Zip(resumed.parameters()))
            TensorAssert.Equal(a, b, "resumed vs uninterrupted weights");
        // A class-conditional U-Net's checkpoint is not resumed as a low-resolution one.
        var labelled = options with { CheckpointPath = folder.File("u.ckpt") };
        DenoiserTraining.Train(images, arange(32) % 10, labelled, createModel: () => new UNet(channels: 8, embeddingDim: 16));
        Assert.Throws<InvalidDataException>(() => DenoiserTraining.TrainLowRes(images, labelled, createModel: Tiny));
        var e = Assert.Throws<ArgumentException>(() => DenoiserTraining.TrainLowRes(zeros(4, 1, 14, 14), options));
        Assert.Equal("images", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void Channels_that_do_not_split_into_eight_groups_are_refused(int channels)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(new DenoiserTrainingOptions { Channels = channels }.Validate);
        Assert.Equal("Channels", e.ParamName);
    }

    [Fact]
    public void The_weak_models_settings_differ_from_the_shipped_ones_only_in_width_and_length()
    {
        var (shipped, weak) = (new DenoiserTrainingOptions(), DenoiserTrainingOptions.Weak);
        Assert.Equal(shipped with { Channels = 8, Steps = 1000 }, weak);
        Assert.Equal(shipped with { Steps = 2000 }, DenoiserTrainingOptions.LowRes);
        Assert.Contains("channels 8", weak.Fingerprint);
    }
}
