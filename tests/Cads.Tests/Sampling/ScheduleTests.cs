using Cads.Denoisers;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

public class ScheduleTests
{
    public static TheoryData<string> Schedules => ["vp-linear", "vp-cosine", "edm"];

    static NoiseSchedule Make(string name) => name switch
    {
        "vp-linear" => new VpLinearSchedule(),
        "vp-cosine" => new VpCosineSchedule(),
        _ => new EdmSchedule(),
    };

    [Theory, MemberData(nameof(Schedules))]
    public void Time_zero_is_data_and_sigma_grows_with_t(string name)
    {
        var s = Make(name);
        Assert.Equal(1, s.Alpha(0), 12);
        Assert.Equal(0, s.Sigma(0), 12);
        var previous = 0.0;
        for (var t = 0.05; t <= 1; t += 0.05)
        {
            Assert.True(s.EdmSigma(t) > previous, $"sigma~ must grow with t; at t = {t}");
            previous = s.EdmSigma(t);
        }
    }

    [Theory, MemberData(nameof(Schedules))]
    public void Time_of_sigma_inverts_sigma(string name)
    {
        var s = Make(name);
        foreach (var t in new[] { 0.01, 0.2, 0.5, 0.77, 1.0 })
            Assert.Equal(t, s.TimeOfEdmSigma(s.EdmSigma(t)), 9);
    }

    [Fact]
    public void Variance_preserving_schedules_keep_alpha2_plus_sigma2_at_one()
    {
        foreach (NoiseSchedule s in new NoiseSchedule[] { new VpLinearSchedule(), new VpCosineSchedule() })
            foreach (var t in new[] { 0.0, 0.3, 0.9, 1.0 })
                Assert.Equal(1, s.Alpha(t) * s.Alpha(t) + s.Sigma(t) * s.Sigma(t), 12);
        Assert.Equal(1e-4, Math.Pow(new VpCosineSchedule().Alpha(1), 2), 12);
    }

    [Fact]
    public void Uniform_grid_runs_from_one_to_zero_in_equal_steps()
    {
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 4);
        Assert.Equal([1, 0.75, 0.5, 0.25, 0], grid.Times);
        Assert.Equal(4, grid.Steps);
    }

    [Fact]
    public void Karras_grid_has_rho_spaced_sigmas_from_sigma_max_to_sigma_min_then_zero()
    {
        var schedule = new EdmSchedule(80);
        var grid = TimeGrid.Karras(schedule, 5, sigmaMin: 0.002, rho: 7);
        Assert.Equal(6, grid.Times.Count);
        Assert.Equal(80, grid.EdmSigma(0), 9);
        Assert.Equal(0.002, grid.EdmSigma(4), 9);
        Assert.Equal(0, grid.EdmSigma(5));
        // Middle node: (80^(1/7) + 0.5 (0.002^(1/7) - 80^(1/7)))^7.
        var middle = Math.Pow(Math.Pow(80, 1 / 7.0) + 0.5 * (Math.Pow(0.002, 1 / 7.0) - Math.Pow(80, 1 / 7.0)), 7);
        Assert.Equal(middle, grid.EdmSigma(2), 9);
        // The same sigmas on a VP schedule land on VP times.
        var vp = TimeGrid.Karras(new VpLinearSchedule(), 5, sigmaMin: 0.002);
        Assert.Equal(0.002, vp.EdmSigma(4), 9);
    }

    [Theory]
    [InlineData(Prediction.Epsilon)]
    [InlineData(Prediction.X0)]
    [InlineData(Prediction.V)]
    public void Prediction_adapters_round_trip_through_x0(Prediction kind)
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var g = CadsRuntime.Generator(3);
        var x0 = randn([8, 2], ScalarType.Float64, CadsRuntime.Device, generator: g);
        var eps = randn([8, 2], ScalarType.Float64, CadsRuntime.Device, generator: g);
        double alpha = 0.6, sigma = 0.8;
        var z = alpha * x0 + sigma * eps;
        var output = kind.FromX0(x0, z, alpha, sigma);
        TensorAssert.Close(x0, kind.ToX0(output, z, alpha, sigma), atol: 1e-9, rtol: 1e-9, $"{kind}: x0 back from the model output");
        if (kind == Prediction.Epsilon) TensorAssert.Close(eps, output, atol: 1e-9, rtol: 1e-9, "epsilon output");
        if (kind == Prediction.V) TensorAssert.Close(alpha * eps - sigma * x0, output, atol: 1e-9, rtol: 1e-9, "v output, alpha eps - sigma x0");
    }
}
