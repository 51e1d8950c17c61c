using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class ExactMathTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();
    static readonly NoiseSchedule Schedule = new VpLinearSchedule();

    // Points where the density matters: draws of z_t itself, float64.
    static (Tensor Z, Tensor Labels) NoisedDraws(double t, long n, long seed)
    {
        var (x, labels) = World.Sample(n, seed, ScalarType.Float64);
        var eps = randn([n, 2], ScalarType.Float64, CadsRuntime.Device, generator: CadsRuntime.Generator(seed + 1));
        return (Schedule.Alpha(t) * x + Schedule.Sigma(t) * eps, labels);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    public void Scores_match_central_finite_differences_of_the_log_density(double t)
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, t);
        var (z, labels) = NoisedDraws(t, 64, seed: 11);
        const double h = 1e-5;
        foreach (var conditional in new[] { false, true })
        {
            Tensor LogP(Tensor x) => conditional ? world.LogDensity(x, labels) : world.LogDensity(x);
            var columns = Enumerable.Range(0, 2).Select(d =>
            {
                var step = zeros_like(z);
                step[TensorIndex.Colon, d] = tensor(h, ScalarType.Float64);
                return (LogP(z + step) - LogP(z - step)) / (2 * h);
            });
            var finiteDifference = stack(columns.ToArray(), 1);
            var score = conditional ? world.Score(z, labels) : world.Score(z);
            var relative = ((score - finiteDifference).norm(1) / score.norm(1).clamp_min(1)).max().item<double>();
            Assert.True(relative < 1e-4, $"t = {t}, conditional = {conditional}: relative error {relative:E2}");
        }
    }

    [Fact]
    public void Scores_match_autograd_of_the_log_density()
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, 0.2);
        var (z, labels) = NoisedDraws(0.2, 64, seed: 12);
        foreach (var conditional in new[] { false, true })
        {
            var x = z.detach().requires_grad_(true);
            var logP = conditional ? world.LogDensity(x, labels) : world.LogDensity(x);
            var grad = autograd.grad([logP.sum()], [x])[0];
            var score = conditional ? world.Score(z, labels) : world.Score(z);
            TensorAssert.Close(score, grad, atol: 1e-10, rtol: 1e-10, $"conditional = {conditional}: autograd of log p vs the score");
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.5)]
    public void Posterior_means_match_importance_weighted_Monte_Carlo(double t)
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, t);
        double alpha = Schedule.Alpha(t), sigma = Schedule.Sigma(t);
        var (z, _) = NoisedDraws(t, 6, seed: 13);
        const long m = 200_000;
        foreach (var c in new int?[] { null, 0, 2 })
        {
            var x0 = c is { } cls ? World.Sample(cls, m, seed: 14, ScalarType.Float64) : World.Sample(m, 14, ScalarType.Float64).X;
            // Self-normalised importance sampling: w_i ∝ N(z; alpha x0_i, sigma^2 I) turns draws of p(x0|c) into p(x0|z_t, c).
            var logW = -(z.unsqueeze(1) - alpha * x0.unsqueeze(0)).square().sum(-1) / (2 * sigma * sigma); // [6, m]
            var w = logW.softmax(1).unsqueeze(-1);
            var estimate = (w * x0).sum(1);
            // Its standard error: sqrt(sum_i w_i^2 (x0_i - estimate)^2) per coordinate; 5 of them leaves 1 failure in ~10^6.
            var standardError = (w.square() * (x0.unsqueeze(0) - estimate.unsqueeze(1)).square()).sum(1).sqrt();
            var labels = full(6, c ?? 0, ScalarType.Int64, CadsRuntime.Device);
            var exact = c is null ? world.PosteriorMean(z) : world.PosteriorMean(z, labels);
            var zScore = ((exact - estimate).abs() / standardError).max().item<double>();
            Assert.True(zScore < 5, $"t = {t}, class {c?.ToString() ?? "any"}: exact mean is {zScore:F1} standard errors off");
        }
    }

    [Fact]
    public void Class_posterior_sums_to_one_and_prefers_the_class_of_a_nearby_mode()
    {
        using var scope = NewDisposeScope();
        var world = World.At(Schedule, 0.02);
        var means = World.MeanTensor(ScalarType.Float64, CadsRuntime.Device) * Schedule.Alpha(0.02);
        var posterior = world.ClassPosterior(means);
        TensorAssert.Close(ones(World.Components, ScalarType.Float64), posterior.sum(1), atol: 1e-12, rtol: TensorAssert.DefaultRtol, "class posterior's row sums");
        var expected = tensor(World.ComponentClasses.ToArray(), ScalarType.Int64, CadsRuntime.Device);
        TensorAssert.Equal(expected, posterior.argmax(1), "most probable class at each mode's mean vs the mode's class");
    }

    [Fact]
    public void The_same_seed_gives_the_same_samples_and_class_draws_follow_the_class()
    {
        using var scope = NewDisposeScope();
        var (a, la) = World.Sample(500, 7);
        var (b, lb) = World.Sample(500, 7);
        TensorAssert.Equal(a, b, "two draws at seed 7");
        TensorAssert.Equal(la, lb, "two draws' labels at seed 7");
        TensorAssert.NotClose(a, World.Sample(500, 8).X, "draws at seeds 7 and 8", atol: 0, rtol: 0);
        // Draws of class 1 come from class 1's modes: all but rare far tails of the dominant mode (std 0.2) are claimed by them.
        var x = World.Sample(1, 2000, 9, ScalarType.Float64);
        var nearest = World.At(1, 0).Responsibilities(x).argmax(1);
        var classes = tensor(World.ComponentClasses.ToArray(), ScalarType.Int64, CadsRuntime.Device).index_select(0, nearest);
        Assert.True(classes.ne(1).sum().item<long>() <= 5);
    }
}
