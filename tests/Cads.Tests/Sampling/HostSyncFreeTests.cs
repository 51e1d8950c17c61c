using Cads.Denoisers;
using Cads.Noise;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

/// <summary>The pieces that keep the sampling loop from reading the device or copying from .NET arrays at each step.</summary>
public class HostSyncFreeTests
{
    [Fact]
    public void The_scalar_time_forward_equals_the_tensor_one_for_a_model_that_only_has_the_tensor_one()
    {
        CadsRuntime.Init();
        IDiffusionModel model = new ToyModel();
        using var z = randn([5, 2], generator: CadsRuntime.Generator(1)).to(CadsRuntime.Device);
        using var y = model.Embed(arange(5, device: CadsRuntime.Device) % ToyModel.Classes);
        using var byNumber = model.Forward(z, 0.37, y);
        using var byTensor = model.Forward(z, full(5, 0.37, ScalarType.Float32, CadsRuntime.Device), y);
        TensorAssert.Equal(byTensor, byNumber, "forward with t as a number vs as a tensor");
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.6)]
    public void The_exact_model_gives_the_same_denoiser_with_t_as_a_number_or_as_a_tensor(double t)
    {
        CadsRuntime.Init();
        IDiffusionModel model = ExactMixtureModel.NetworkLike(MixturePresets.ThreeClassesManyModes(), new VpCosineSchedule(), kappa: 4);
        using var z = randn([7, 2], ScalarType.Float64, generator: CadsRuntime.Generator(2)).to(CadsRuntime.Device);
        using var y = model.Embed(arange(7, device: CadsRuntime.Device) % 3);
        using var byNumber = model.Forward(z, t, y);
        using var byTensor = model.Forward(z, full(7, t, ScalarType.Float64, CadsRuntime.Device), y);
        TensorAssert.Close(byTensor, byNumber, atol: 0, rtol: 0, $"exact model at t = {t}: forward with t as a number vs as a tensor");
    }

    [Fact]
    public void The_mixture_hands_out_its_constants_as_handles_that_callers_may_dispose()
    {
        CadsRuntime.Init();
        var world = MixturePresets.ThreeClassesManyModes();
        var first = world.MeanTensor(ScalarType.Float64, CadsRuntime.Device);
        var expected = first.cpu().data<double>().ToArray();
        first.Dispose();
        using var again = world.MeanTensor(ScalarType.Float64, CadsRuntime.Device);
        Assert.Equal(expected, again.cpu().data<double>().ToArray());
        Assert.Equal(world.Means.SelectMany(m => new[] { m.X, m.Y }), expected);
        // One cache entry per dtype: a float32 request is not served the float64 tensor.
        using var single = world.StdTensor(ScalarType.Float32, CadsRuntime.Device);
        Assert.Equal(ScalarType.Float32, single.dtype);
        Assert.Equal(world.Stds.Select(s => (float)s), single.cpu().data<float>().ToArray());
    }
}
