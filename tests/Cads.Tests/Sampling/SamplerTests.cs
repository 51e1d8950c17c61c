using Cads.Denoisers;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

public class SamplerTests(ITestOutputHelper output)
{
    // The step counts keep the discretisation error of the variance under 1.6 % (computed in closed form for this
    // Gaussian): the first-order samplers (DDPM, DDIM, Euler) need hundreds of steps for that, Heun and DPM-Solver++
    // far fewer.
    static readonly double[] Mu = [1.5, -0.5];
    const double S0 = 0.5;
    const long N = 40_000;

    public static TheoryData<string, string, int> Cases => new()
    {
        { "ddpm", "vp-linear", 1000 },
        { "ddim", "vp-linear", 400 },
        { "euler", "edm", 400 },
        { "heun", "edm", 100 },
        { "dpmpp2m", "vp-cosine", 25 },
        { "dpmpp2m", "edm", 100 },
    };

    [Fact]
    public void The_catalog_names_every_sampler_once_with_its_usual_grid()
    {
        Assert.Equal(["ddpm", "ddim", "euler", "heun", "dpmpp2m"], SamplerCatalog.Names);
        Assert.Equal(SamplerCatalog.All.Count, SamplerCatalog.All.Select(s => s.Sample).Distinct().Count());
        Assert.Same(SamplerCatalog.Get("DDPM"), SamplerCatalog.Get("ddpm"));
        Assert.Equal([GridSpacing.Uniform, GridSpacing.Uniform, GridSpacing.Karras, GridSpacing.Karras, GridSpacing.Karras],
            SamplerCatalog.All.Select(s => s.UsualGrid));
        Assert.Equal(["ddpm"], SamplerCatalog.All.Where(s => s.Stochastic).Select(s => s.Name));
        Assert.Equal(["ddim"], SamplerCatalog.All.Where(s => s.TakesEta).Select(s => s.Name));
        var e = Assert.Throws<ArgumentException>(() => SamplerCatalog.Get("rk4"));
        Assert.Contains("sampler must be one of ddpm, ddim, euler, heun, dpmpp2m; got 'rk4'", e.Message);
    }

    static TimeGrid Grid(string schedule, int steps) => schedule switch
    {
        "vp-linear" => TimeGrid.Uniform(new VpLinearSchedule(), steps),
        "vp-cosine" => TimeGrid.Uniform(new VpCosineSchedule(), steps),
        _ => TimeGrid.Karras(new EdmSchedule(), steps),
    };

    [Theory, MemberData(nameof(Cases))]
    public void Each_sampler_reproduces_the_mean_and_variance_of_a_gaussian(string sampler, string schedule, int steps)
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var grid = Grid(schedule, steps);
        var exact = new GaussianDenoiser(grid.Schedule, Mu, S0);
        var x = SamplerCatalog.Get(sampler).Sample(exact, exact.Marginal(N, grid.Schedule), grid, new() { Noise = NoiseSource.Seeded(8) });

        var mean = x.mean([0]);
        var variance = x.var(0).mean().item<double>();
        output.WriteLine($"{sampler} on {schedule}, {steps} steps: mean {mean[0].item<double>():F4} {mean[1].item<double>():F4}, variance {variance:F4}");
        // Monte-Carlo error with N = 40000 samples in 2 dimensions: the mean has standard error s0 / sqrt(N) = 0.0025,
        // the pooled variance s0^2 sqrt(2 / 2N) = 0.00125 (0.5 %). Tolerances of 0.015 (6 standard errors) and 3 %
        // (6 standard errors, the rest for discretisation at these step counts) hold with room.
        TensorAssert.Close(tensor(Mu, ScalarType.Float64, CadsRuntime.Device), mean, atol: 0.015, rtol: 0, $"{sampler} on {schedule}, {steps} steps: sample mean vs mu");
        Assert.Equal(S0 * S0, variance, S0 * S0 * 0.03);
    }

    [Fact]
    public void A_stochastic_sampler_without_a_noise_stream_of_its_own_is_refused()
    {
        // No fallback to a shared global stream, whose draws another part of the run could shift.
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 4);
        var exact = new GaussianDenoiser(grid.Schedule, Mu, S0);
        var z = grid.InitialNoise([8, 2], NoiseSource.Seeded(1), ScalarType.Float64);
        var e = Assert.Throws<ArgumentException>(() => Samplers.Ddpm(exact, z, grid));
        Assert.Contains("DDPM draws fresh noise at every step", e.Message);
        e = Assert.Throws<ArgumentException>(() => Samplers.Ddim(exact, z, grid, new() { Eta = 0.5 }));
        Assert.Contains("DDIM with eta > 0", e.Message);
        Assert.Equal([8L, 2L], Samplers.Ddim(exact, z, grid).shape); // eta = 0 draws nothing
    }

    [Fact]
    public void Ddim_with_eta_zero_is_deterministic_and_agrees_with_euler()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 10);
        var exact = new GaussianDenoiser(grid.Schedule, Mu, S0);
        var z = grid.InitialNoise([64, 2], NoiseSource.Seeded(1), ScalarType.Float64);
        var first = Samplers.Ddim(exact, z, grid, new() { Noise = NoiseSource.Seeded(1) });
        var second = Samplers.Ddim(exact, z, grid, new() { Noise = NoiseSource.Seeded(2) });
        TensorAssert.Equal(first, second, "DDIM eta = 0 with noise streams 1 and 2");
        TensorAssert.Close(Samplers.Euler(exact, z, grid), first, atol: 1e-9, rtol: 1e-9, "DDIM eta = 0 vs Euler"); // DDIM is Euler in sigma~ (Karras et al.)
    }

    [Fact]
    public void Ddpm_is_ddim_with_eta_one_given_the_same_noise()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpCosineSchedule(), 10);
        var exact = new GaussianDenoiser(grid.Schedule, Mu, S0);
        var z = grid.InitialNoise([64, 2], NoiseSource.Seeded(1), ScalarType.Float64);
        var ddpm = Samplers.Ddpm(exact, z, grid, new() { Noise = NoiseSource.Seeded(5) });
        var ddim = Samplers.Ddim(exact, z, grid, new() { Noise = NoiseSource.Seeded(5), Eta = 1 });
        TensorAssert.Close(ddim, ddpm, atol: 1e-9, rtol: 1e-9, "DDPM vs DDIM eta = 1 on the same noise");
    }

    [Fact]
    public void Injected_noise_replaces_the_generator_and_the_callback_sees_every_step()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 5);
        var exact = new GaussianDenoiser(grid.Schedule, Mu, S0);
        var z = grid.InitialNoise([3, 2], NoiseSource.Seeded(1), ScalarType.Float64);
        var draws = Enumerable.Range(0, 4).Select(i => randn([3, 2], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(i))).ToList();
        var trajectory = new Trajectory();
        var injected = Samplers.Ddpm(exact, z, grid, new() { Noise = NoiseSource.Injected(draws), Callback = trajectory.Record });
        var again = Samplers.Ddpm(exact, z, grid, new() { Noise = NoiseSource.Injected(draws) });
        TensorAssert.Equal(injected, again, "two runs on the same injected noise");
        Assert.Equal(grid.Times.Take(5), trajectory.Steps.Select(s => s.T));
        TensorAssert.Equal(z, trajectory.Steps[0].Z, "the trajectory's first state vs z");
        Assert.True(draws.All(d => !d.IsInvalid)); // the caller's tensors survive the run
    }
}
