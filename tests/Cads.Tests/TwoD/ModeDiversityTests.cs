using Cads.Metrics;
using Cads.Runtime;
using Cads.TwoD;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

public class ModeDiversityTests
{
    static readonly GaussianMixture2D World = MixturePresets.ThreeClassesManyModes();

    // Per mode k, round(n p(k|c)) points mu_k + scale s_k eps (eps drawn from the seed): a set whose modes, shares and
    // spreads the test knows without the measure's assignment rule. Modes in skip get no points.
    static (Tensor X, Tensor Labels) ByMode(int perClass, long seed, double scale = 1, params int[] skip)
    {
        var generator = CadsRuntime.Generator(seed);
        var xs = new List<Tensor>();
        var labels = new List<long>();
        for (var k = 0; k < World.Components; k++)
        {
            var c = (int)World.ComponentClasses[k];
            var n = (int)Math.Round(perClass * World.Weights[k] / World.ClassPrior(c));
            var eps = randn([n, 2], ScalarType.Float64, generator: generator);
            if (skip.Contains(k)) continue;
            var (mx, my) = World.Means[k];
            xs.Add(tensor(new[] { mx, my }, ScalarType.Float64) + scale * World.Stds[k] * eps);
            labels.AddRange(Enumerable.Repeat((long)c, n));
        }
        return (cat(xs, 0).to(CadsRuntime.Device), tensor(labels.ToArray(), device: CadsRuntime.Device));
    }

    // Built outside any test's dispose scope, so that it outlives the first test that touches it.
    static readonly (Tensor X, Tensor Labels) Reference = Detached(ByMode(1000, 1));

    static (Tensor X, Tensor Labels) Detached((Tensor X, Tensor Labels) set) => (set.X.DetachFromDisposeScope(), set.Labels.DetachFromDisposeScope());

    static Tensor OfClass(Tensor x, Tensor labels, int c) => x.index_select(0, labels.eq(c).nonzero().squeeze(1));

    static ModeDiversityResult Measure((Tensor X, Tensor Labels) set) =>
        ModeDiversity.Measure(World, set.X, set.Labels, Reference.X, Reference.Labels);

    [Fact]
    public void Exact_draws_have_spread_one_their_modes_shares_and_high_recall()
    {
        using var scope = NewDisposeScope();
        var result = Measure(ByMode(1000, 2));
        for (var k = 0; k < World.Components; k++)
        {
            // A minor mode gets 100 points: the spread ratio's standard error is about 1 / sqrt(2 * 2 * 99) = 0.05.
            Assert.InRange(result.Spread[k], 0.85, 1.15);
            Assert.InRange(result.Offset[k], 0, 0.4);
            Assert.Equal(World.Weights[k] / World.ClassPrior((int)World.ComponentClasses[k]), result.ExpectedShare[k], 12);
            Assert.Equal(result.ExpectedShare[k], result.Share[k], 2);
            Assert.InRange(result.Recall[k], 0.85, 1);
            Assert.InRange(result.Precision[k], 0.85, 1);
        }
    }

    [Fact]
    public void Samples_shrunk_by_half_toward_their_mode_have_half_the_spread_and_lose_recall()
    {
        using var scope = NewDisposeScope();
        var full = Measure(ByMode(1000, 2));
        var shrunk = Measure(ByMode(1000, 2, scale: 0.5));
        for (var k = 0; k < World.Components; k++)
        {
            // The same eps, scaled: the ratio is exactly one half.
            Assert.Equal(0.5, shrunk.Spread[k] / full.Spread[k], 9);
            Assert.InRange(shrunk.Spread[k], 0.42, 0.58);
            Assert.True(shrunk.Recall[k] < full.Recall[k] - 0.1, $"mode {k}: recall {shrunk.Recall[k]:F3} shrunk vs {full.Recall[k]:F3}");
        }
    }

    [Fact]
    public void A_missing_mode_has_no_samples_no_spread_and_zero_recall()
    {
        using var scope = NewDisposeScope();
        var heaviest = ModeDiversity.HeaviestModes(World)[1];
        var minor = World.ComponentsOf(1).First(k => k != heaviest);
        var result = Measure(ByMode(1000, 2, skip: minor));
        Assert.Equal(0, result.Share[minor]);
        Assert.True(double.IsNaN(result.Spread[minor]) && double.IsNaN(result.Precision[minor]));
        Assert.Equal(0, result.Recall[minor]);
        Assert.InRange(result.Recall[heaviest], 0.85, 1);
    }

    [Fact]
    public void Mode_recalls_add_up_to_the_class_averaged_recall()
    {
        using var scope = NewDisposeScope();
        // Shrunk, shifted and with a mode missing, so that recall is far from 1.
        var (x, labels) = ByMode(300, 3, scale: 0.6, skip: 7);
        x = x + 0.05;
        var result = ModeDiversity.Measure(World, x, labels, Reference.X, Reference.Labels);
        var recall = Enumerable.Range(0, World.Classes).Average(c =>
            PrecisionRecall.Measure(OfClass(Reference.X, Reference.Labels, c), OfClass(x, labels, c)).Recall);
        Assert.Equal(recall, result.MeanRecall, 12);
        var heaviest = ModeDiversity.HeaviestModes(World);
        var rest = Enumerable.Range(0, World.Components).Except(heaviest);
        Assert.Equal(recall, result.Group(heaviest).RecallContribution + result.Group(rest).RecallContribution, 12);
        Assert.Equal(MixturePresets.DominantShare, result.Group(heaviest).ExpectedShare, 12);
    }

    [Fact]
    public void A_shifted_mode_has_its_offset_and_no_precision()
    {
        using var scope = NewDisposeScope();
        var (x, labels) = ByMode(1000, 2);
        var heaviest = ModeDiversity.HeaviestModes(World)[0];
        var before = Measure((x, labels));
        // Class 0's dominant mode, moved through the origin by 6 of its stds (away from its class's minor modes, so its
        // points stay assigned to it), off the data (k-NN manifolds reach far into a Gaussian's tails: 3 stds are not enough).
        var (mx, my) = World.Means[heaviest];
        var norm = Math.Sqrt(mx * mx + my * my);
        var step = -6 * World.Stds[heaviest];
        var inMode = World.At(1, 0).Responsibilities(x, labels).argmax(1).eq(heaviest).unsqueeze(1);
        var moved = x + inMode.to(ScalarType.Float64) * tensor(new[] { step * mx / norm, step * my / norm }, ScalarType.Float64, CadsRuntime.Device);
        var after = Measure((moved, labels));
        Assert.InRange(after.Offset[heaviest] - before.Offset[heaviest], 5.6, 6.4);
        Assert.Equal(before.Spread[heaviest], after.Spread[heaviest], 9);
        Assert.True(after.Precision[heaviest] < 0.1, $"precision {after.Precision[heaviest]:F3}");
    }

    [Fact]
    public void Heaviest_modes_are_each_class_dominant_one()
    {
        var heaviest = ModeDiversity.HeaviestModes(World);
        Assert.Equal(World.Classes, heaviest.Length);
        for (var c = 0; c < World.Classes; c++)
        {
            Assert.Equal(c, World.ComponentClasses[heaviest[c]]);
            Assert.Equal(MixturePresets.DominantShare, World.Weights[heaviest[c]] / World.ClassPrior(c), 12);
        }
    }

    [Fact]
    public void Bad_shapes_are_refused()
    {
        using var scope = NewDisposeScope();
        var (x, labels) = ByMode(100, 2);
        Assert.Throws<ArgumentException>(() => ModeDiversity.Measure(World, x.narrow(1, 0, 1), labels, Reference.X, Reference.Labels));
        Assert.Throws<ArgumentException>(() => ModeDiversity.Measure(World, x.narrow(0, 0, 3), labels.narrow(0, 0, 3), Reference.X, Reference.Labels));
    }
}
