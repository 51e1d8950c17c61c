using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class SmoothedGuidanceTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();
    static readonly NoiseSchedule Schedule = new VpCosineSchedule();

    static Tensor Points(long n, double t, long seed)
    {
        var x = World.Sample(n, seed, ScalarType.Float64).X;
        return Schedule.Alpha(t) * x + Schedule.Sigma(t) * randn([n, 2], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(seed + 1));
    }

    static double MaxRelativeError(Tensor a, Tensor b) =>
        ((a - b).norm(1) / b.norm(1).clamp_min(1e-12)).max().item<double>();

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Jacobian_matches_autograd_of_the_posterior_mean(double t)
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, t);
        var z = Points(50, t, 7);
        var jacobian = SmoothedGuidance.PosteriorMeanJacobian(world, z);
        for (var i = 0; i < 2; i++)
        {
            var x = z.detach().requires_grad_(true);
            var row = autograd.grad([world.PosteriorMean(x)[TensorIndex.Colon, i].sum()], [x])[0]; // d x_hat_i / d z
            Assert.True(MaxRelativeError(jacobian[TensorIndex.Colon, i], row) < 1e-9, $"row {i} at t = {t}");
        }
    }

    [Theory]
    [InlineData(0.2, 0.0)]
    [InlineData(0.2, 0.3)]
    [InlineData(0.6, 1.0)]
    public void Gradient_matches_autograd_of_the_log_likelihood(double t, double sigmaN)
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, t);
        var z = Points(40, t, 3);
        var lambda = Schedule.Sigma(t);
        foreach (var transform in new[] { tensor(new double[] { 1, 0 }, [1, 2], ScalarType.Float64), tensor(new double[] { 1, 0.5, -0.3, 2 }, [2, 2], ScalarType.Float64) })
        {
            var m = transform.shape[0];
            var yHat = randn([40, m], ScalarType.Float64, generator: CadsRuntime.Generator(9));
            var closed = SmoothedGuidance.Gradient(world, z, transform, yHat, lambda, sigmaN);
            var precision = linalg.inv(SmoothedGuidance.ConditionCovariance(transform, lambda, sigmaN));
            var x = z.detach().requires_grad_(true);
            var r = yHat - world.PosteriorMean(x).matmul(transform.T);
            var logLikelihood = -0.5 * (r.matmul(precision) * r).sum(); // + a constant in z
            var auto = autograd.grad([logLikelihood], [x])[0];
            Assert.True(MaxRelativeError(closed, auto) < 1e-9, $"m = {m}, t = {t}, sigma_n = {sigmaN}");
        }
    }

    [Fact]
    public void With_T_identity_the_noise_only_rescales_the_guidance()
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, 0.3);
        var z = Points(20, 0.3, 5);
        var identity = eye(2, dtype: ScalarType.Float64);
        var y = tensor(new double[] { 0, 0.8 }, ScalarType.Float64);
        var sharp = SmoothedGuidance.Gradient(world, z, identity, y, 0.5, 0);
        var smooth = SmoothedGuidance.Gradient(world, z, identity, y, 0.5, 1);
        TensorAssert.Close(sharp * (0.25 / 1.25), smooth, atol: 1e-12, rtol: 1e-10, "smoothed guidance vs the sharp one times 0.25 / 1.25");
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var world = World.At(Schedule, 0.3);
        var z = zeros([1, 2], ScalarType.Float64);
        var bad = Assert.Throws<ArgumentException>(() => SmoothedGuidance.ConditionCovariance(zeros([2, 3]), 1, 0));
        Assert.Contains("T must have shape [m, 2]", bad.Message);
        Assert.Contains("sigma_n", Assert.Throws<ArgumentException>(() => SmoothedGuidance.ConditionCovariance(eye(2), 1, -1)).Message);
        Assert.Contains("both be 0", Assert.Throws<ArgumentException>(() => SmoothedGuidance.Gradient(world, z, eye(2), zeros(2), 0, 0)).Message);
    }
}
