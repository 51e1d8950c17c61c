using Cads.Images;
using Cads.ImageWorld;
using Cads.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using Cads.Tests.Sampling.Support;

namespace Cads.Tests.ImageWorld;

public class UNetTests
{
    static UNet Tiny() => new UNet(channels: 8, embeddingDim: 16);

    [Fact]
    public void The_output_has_the_image_shape_and_the_null_class_is_its_own_embedding()
    {
        CadsRuntime.Seed(0);
        using var net = Tiny();
        using var x = randn(3, 1, 28, 28);
        using var labels = tensor(new long[] { 0, 9, net.NullClass });
        using var output = net.Forward(x, rand(3), net.Embed(labels));
        Assert.Equal(new long[] { 3, 1, 28, 28 }, output.shape);
        Assert.Equal(new long[] { 16 }, net.ConditionShape);
        using var nul = net.NullCondition(2);
        TensorAssert.Equal(net.Embed(tensor(new long[] { 10 }))[0], nul[0], "null condition vs the embedding of class 10");
        TensorAssert.NotClose(nul[0], net.Embed(tensor(new long[] { 0 }))[0], "null condition vs the embedding of class 0");
        Assert.Equal(10, net.NullClass);
    }

    [Fact]
    public void Missing_weights_name_the_file_and_the_training_command()
    {
        var e = Assert.Throws<FileNotFoundException>(() => UNet.Load("/nonexistent/unet.pt"));
        Assert.Contains("/nonexistent/unet.pt", e.Message);
        Assert.Contains("cads train model", e.Message);
    }

    [Fact]
    public void Save_then_load_gives_the_same_outputs()
    {
        using var folder = new TempFolder();
        CadsRuntime.Seed(1);
        var trained = new UNet();
        trained.Save(folder.File("u.pt"));
        var loaded = UNet.Load(folder.File("u.pt"));
        using var _ = no_grad();
        using var x = randn(2, 1, 28, 28);
        using var t = rand(2);
        using var labels = tensor(new long[] { 3, 4 });
        TensorAssert.Close(trained.Forward(x, t, trained.Embed(labels)), loaded.Forward(x, t, loaded.Embed(labels)), TensorAssert.DefaultAtol, TensorAssert.DefaultRtol, "loaded vs trained U-Net forward");
    }
}

public class GroupNorm2dTests
{
    [Fact]
    public void Each_group_comes_out_with_zero_mean_and_unit_variance()
    {
        Cads.Runtime.CadsRuntime.Seed(2);
        using var norm = new GroupNorm2d(2, 4);
        // A large common offset is where a one-pass variance, E[x^2] - E[x]^2, loses everything to cancellation.
        using var x = randn(3, 4, 5, 5, float32) * 0.1 + 100;
        using var y = norm.forward(x).to_type(float64).reshape(3, 2, -1);
        using var mean = y.mean([2]);
        using var variance = y.var([2], unbiased: false);
        TensorAssert.Close(zeros_like(mean), mean, atol: 1e-3, rtol: 0, "each group's mean");
        TensorAssert.Close(ones_like(variance), variance, atol: 2e-2, rtol: 0, "each group's variance");
    }

    [Fact]
    public void Channels_must_split_into_the_groups()
    {
        var e = Assert.Throws<ArgumentException>(() => new GroupNorm2d(3, 4));
        Assert.Contains("multiple of groups = 3", e.Message);
    }
}
