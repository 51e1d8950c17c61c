using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Formulas;

/// <summary>
/// Every sampler, step by step, against its update written out here from the papers, on a grid whose steps all differ
/// (so a step ratio r = h_prev / h is never 1) and with a denoiser whose output differs from step to step.
/// </summary>
public class SamplerStepTests
{
    static readonly NoiseSchedule Schedule = new VpCosineSchedule();
    static readonly TimeGrid Grid = TimeGrid.FromTimes(Schedule, [1, 0.83, 0.61, 0.37, 0.12, 0]);
    static readonly GaussianDenoiser Exact = new(Schedule, [1.5, -0.5], 0.5);

    /// <summary>The run's states z_0 ... z_N and the denoised D_i the sampler saw at each step.</summary>
    static (List<Tensor> Z, List<Tensor> D) Run(Sampler sampler, SamplerOptions options)
    {
        var start = Exact.Marginal(6, Schedule);
        var trajectory = new Trajectory();
        var x = sampler(Exact, start, Grid, options with { Callback = trajectory.Record });
        return (trajectory.Steps.Select(s => s.Z).Append(x).ToList(), trajectory.Steps.Select(s => s.Denoised).ToList());
    }

    static void AssertSteps(string name, List<Tensor> z, Func<int, Tensor> expected)
    {
        for (var i = 0; i < Grid.Steps; i++)
            TensorAssert.Close(expected(i), z[i + 1], 1e-9, 0, $"{name}, step {i} (t = {Grid.Times[i]} -> {Grid.Times[i + 1]}) against the written-out update");
    }

    static List<Tensor> Draws(int seed) =>
        Enumerable.Range(0, Grid.Steps).Select(i => randn([6, 2], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(seed + i))).ToList();

    [Fact]
    public void Ddpm_steps_to_the_gaussian_posterior_of_z_s_given_z_t_and_x0_equal_D()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var n = Draws(50);
        var (z, d) = Run(Samplers.Ddpm, new SamplerOptions { Noise = NoiseSource.Injected(n) });
        AssertSteps("DDPM", z, i =>
        {
            double at = Grid.Alpha(i), st = Grid.Sigma(i), a = Grid.Alpha(i + 1), s = Grid.Sigma(i + 1);
            var ats = at / a;
            var sts2 = st * st - ats * ats * s * s;
            var mean = ats * s * s / (st * st) * z[i] + a * sts2 / (st * st) * d[i];
            return s == 0 ? mean : mean + Math.Sqrt(sts2) * s / st * n[i];
        });
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.6)]
    public void Ddim_steps_along_its_eps_with_eta_scaled_fresh_noise(double eta)
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var n = Draws(60);
        var (z, d) = Run(Samplers.Ddim, new SamplerOptions { Noise = NoiseSource.Injected(n), Eta = eta });
        AssertSteps($"DDIM eta = {eta}", z, i =>
        {
            double at = Grid.Alpha(i), st = Grid.Sigma(i), a = Grid.Alpha(i + 1), s = Grid.Sigma(i + 1);
            var eps = (z[i] - at * d[i]) / st;
            var c = eta * s * Math.Sqrt(1 - Math.Pow(at * s / (a * st), 2));
            var next = a * d[i] + Math.Sqrt(s * s - c * c) * eps;
            return c == 0 ? next : next + c * n[i];
        });
    }

    [Fact]
    public void Euler_steps_along_the_probability_flow_slope_in_edm_sigma()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var (z, d) = Run(Samplers.Euler, new SamplerOptions());
        AssertSteps("Euler", z, i =>
        {
            double et = Grid.EdmSigma(i), es = Grid.EdmSigma(i + 1);
            var x = z[i] / Grid.Alpha(i);
            return Grid.Alpha(i + 1) * (x + (es - et) * (x - d[i]) / et);
        });
    }

    [Fact]
    public void Heun_averages_the_slopes_at_both_ends_except_on_the_last_step()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var (z, d) = Run(Samplers.Heun, new SamplerOptions());
        AssertSteps("Heun", z, i =>
        {
            double et = Grid.EdmSigma(i), es = Grid.EdmSigma(i + 1), a = Grid.Alpha(i + 1);
            var x = z[i] / Grid.Alpha(i);
            var slope = (x - d[i]) / et;
            var euler = x + (es - et) * slope;
            if (es == 0) return a * euler;
            var slopeEnd = (euler - Exact.Denoise(a * euler, Grid.Times[i + 1])) / es;
            return a * (x + (es - et) * (slope + slopeEnd) / 2);
        });
    }

    [Fact]
    public void Dpm_solver_pp_2m_corrects_D_with_the_previous_step_by_the_ratio_of_step_sizes()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var (z, d) = Run(Samplers.DpmSolverPlusPlus2M, new SamplerOptions());
        double Lambda(int i) => Math.Log(Grid.Alpha(i) / Grid.Sigma(i));
        AssertSteps("DPM-Solver++(2M)", z, i =>
        {
            double st = Grid.Sigma(i), a = Grid.Alpha(i + 1), s = Grid.Sigma(i + 1);
            if (s == 0) return a * d[i];
            var h = Lambda(i + 1) - Lambda(i);
            var corrected = d[i];
            if (i > 0)
            {
                var r = (Lambda(i) - Lambda(i - 1)) / h;
                corrected = (1 + 1 / (2 * r)) * d[i] - 1 / (2 * r) * d[i - 1];
            }
            return s / st * z[i] + a * (1 - Math.Exp(-h)) * corrected;
        });
    }
}
