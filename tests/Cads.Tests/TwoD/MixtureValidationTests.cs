using Cads.Annealing;
using Cads.Data;
using Cads.Runtime;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.TwoD;
using Cads.TwoD.Learned;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Tests.TwoD;

/// <summary>
/// The 2-D world's refusals read in full (parameter, message, the values found), and a few of its closed forms at
/// points where a hand computation gives the number.
/// </summary>
public class MixtureValidationTests
{
    static readonly double[,] TwoMeans = { { 0, 0 }, { 1, 1 } };

    // ArgumentException.Message is the text given plus " (Parameter 'name')".
    static void Refused(Action act, string parameter, string message)
    {
        var e = Assert.Throws<ArgumentException>(act);
        Assert.Equal(parameter, e.ParamName);
        Assert.Equal($"{message} (Parameter '{parameter}')", e.Message);
    }

    static Tensor Doubles(double[,] values) => tensor(values, ScalarType.Float64, CadsRuntime.Device);

    [Fact]
    public void Mixture_messages_name_the_parameter_and_show_what_was_given()
    {
        Refused(() => new GaussianMixture2D(new double[0, 2], [], [], []), "means", "means must have shape [K, 2] with K >= 1; got [0, 2]");
        Refused(() => new GaussianMixture2D(TwoMeans, [0.1], [1, 1], [0, 1]), "stds",
            "stds must have one entry per component (K = 2, the rows of means); got 1");
        Refused(() => new GaussianMixture2D(TwoMeans, [0.1, 0], [1, 1], [0, 1]), "stds", "stds must be finite and > 0; stds[1] = 0");
        // The first entry is checked too (a search that started at 1 would pass it).
        Refused(() => new GaussianMixture2D(TwoMeans, [0.1, 0.1], [0, 1], [0, 1]), "weights", "weights must be finite and > 0; weights[0] = 0");
        Refused(() => new GaussianMixture2D(new[,] { { 0, 0 }, { double.NaN, 1 } }, [0.1, 0.1], [1, 1], [0, 1]), "means",
            "means must be finite (flattened row-major); means[2] = NaN");
    }

    [Fact]
    public void A_negative_class_is_refused_even_when_every_class_from_zero_has_a_component()
    {
        // Classes = max + 1 = 1 and class 0 owns a component: only the sign rule catches -1.
        Refused(() => new GaussianMixture2D(TwoMeans, [0.1, 0.1], [1, 1], [0, -1]), "classes",
            "classes must be 0 ... C - 1 with every class owning a component; got [0, -1]");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Drawing_a_class_the_mixture_does_not_have_is_refused(int c)
    {
        using var scope = NewDisposeScope();
        Refused(() => MixturePresets.TwoClasses().Sample(c, 4, 1), "c", $"c must be in [0, 1]; got {c}");
    }

    [Fact]
    public void Drawing_the_last_class_gives_points_of_that_class()
    {
        using var scope = NewDisposeScope();
        // Class 1 is N((0.8, 0), 0.4^2 I): 400 draws have a mean within 4 standard errors (4 x 0.4 / 20 = 0.08) of it.
        var x = MixturePresets.TwoClasses().Sample(1, 400, 3, ScalarType.Float64);
        TensorAssert.Close(Doubles(new double[,] { { 0.8, 0 } }).squeeze(0), x.mean([0]), atol: 0.08, rtol: 0, "mean of class 1's draws");
    }

    [Fact]
    public void Exact_models_refuse_kappa_and_s_out_of_range_by_name()
    {
        var world = MixturePresets.TwoClasses();
        Refused(() => ExactMixtureModel.NetworkLike(world, new VpCosineSchedule(), 0), "kappa", "kappa must be > 0 (may be infinite); got 0");
        Refused(() => ExactMixtureModel.BayesSmoothed(world, new VpCosineSchedule(), new AnnealingSchedule(0.6, 0.9), -0.5),
            "noiseScale s", "noiseScale s must be finite and >= 0; got -0.5");
    }

    [Fact]
    public void Smoothed_kappa_is_infinite_at_gamma_one_whatever_s_and_follows_its_formula_between()
    {
        // sqrt(gamma) / (s^2 (1 - gamma)) with gamma = 1/4, s = 2: (1/2) / (4 x 3/4) = 1/6.
        Assert.Equal(1.0 / 6, ExactMixtureModel.SmoothedKappa(0.25, 2), 12);
        Assert.Equal(0, ExactMixtureModel.SmoothedKappa(0, 2));
        Assert.Equal(double.PositiveInfinity, ExactMixtureModel.SmoothedKappa(0.5, 0));
        // s^2 overflows to infinity here, and infinity x (1 - 1) is NaN: the limit must be taken before the formula.
        Assert.Equal(double.PositiveInfinity, ExactMixtureModel.SmoothedKappa(1, 1e200));
    }

    [Fact]
    public void A_network_keeps_the_architecture_it_was_given()
    {
        using var scope = NewDisposeScope();
        var architecture = new MlpArchitecture(Classes: 2, EmbeddingDim: 4, Width: 8, HiddenLayers: 1, TimeFeatures: 4);
        using var net = new MixtureMlp(architecture);
        Assert.Same(architecture, net.Architecture);
        Assert.Equal(2, net.NullClass);
        Assert.Equal([4L], net.ConditionShape);
        // Embedding 3 x 4, Linear(2 + 4 + 4 -> 8) and Linear(8 -> 2) with biases: 12 + 88 + 18.
        Assert.Equal(118, net.parameters().Sum(p => p.numel()));
        Assert.All(net.parameters(), p => Assert.Equal(CadsRuntime.Device.type, p.device_type));
    }

    [Fact]
    public void Mode_measures_refuse_points_that_are_not_N_by_2_with_N_labels_and_show_both_shapes()
    {
        using var scope = NewDisposeScope();
        var world = MixturePresets.TwoClasses();
        Refused(() => ModeCoverage.Measure(world, zeros(6, 3, ScalarType.Float64), zeros(6, 1, ScalarType.Int64)), "samples",
            "samples must be [N, 2] with labels [N]; got [6, 3] and [6, 1]");
        Refused(() => ModeCoverage.Measure(world, zeros(6, 2, ScalarType.Float64), zeros(6, ScalarType.Int64), 0), "fairShare",
            "fairShare must be in (0, 1]; got 0");
    }

    [Fact]
    public void Sliced_W2_messages_show_the_values_found()
    {
        using var scope = NewDisposeScope();
        var a = zeros(3, 2, ScalarType.Float64);
        Refused(() => SlicedWasserstein.Distance(a, a, projections: 0), "projections", "projections must be >= 1; got 0");
        Refused(() => SlicedWasserstein.Distance(a, zeros(3, 3, ScalarType.Float64)), "b", "a and b must be [N, D] and [M, D]; got [3, 2] and [3, 3]");
    }

    [Fact]
    public void Class_conditional_log_density_of_one_component_classes_is_that_component_noised()
    {
        using var scope = NewDisposeScope();
        // Class 0 = N((0, 0), 1), class 1 = N((3, 0), 0.5^2), weights 1/4 and 3/4: p(z|c) does not depend on the weights.
        var world = new GaussianMixture2D(new double[,] { { 0, 0 }, { 3, 0 } }, [1, 0.5], [0.25, 0.75], [0, 1]).At(0.6, 0.8);
        // v_0 = 0.36 x 1 + 0.64 = 1, v_1 = 0.36 x 0.25 + 0.64 = 0.73; alpha mu_1 = (1.8, 0).
        var z = Doubles(new double[,] { { 1, 2 }, { 1, 2 } });
        var labels = tensor(new long[] { 0, 1 }, device: CadsRuntime.Device);
        double LogNormal(double dx, double dy, double v) => -(dx * dx + dy * dy) / (2 * v) - Math.Log(2 * Math.PI * v);
        var expected = tensor(new[] { LogNormal(1, 2, 1), LogNormal(1 - 1.8, 2, 0.73) }, ScalarType.Float64, CadsRuntime.Device);
        TensorAssert.Close(expected, world.LogDensity(z, labels), atol: 1e-12, rtol: 0, "log p(z|c)");
    }

    [Fact]
    public void Condition_covariance_is_lambda_squared_T_T_transposed_plus_sigma_n_squared_I()
    {
        using var scope = NewDisposeScope();
        // T = [[1, 1], [0, 2]]: T T^T = [[2, 2], [2, 4]]; 2^2 of it plus 1^2 I.
        var t = Doubles(new double[,] { { 1, 1 }, { 0, 2 } });
        TensorAssert.Close(Doubles(new double[,] { { 9, 8 }, { 8, 17 } }), SmoothedGuidance.ConditionCovariance(t, 2, 1), atol: 1e-12, rtol: 0, "covariance");
    }

    [Fact]
    public void Condition_covariance_refuses_a_negative_lambda_and_a_transform_not_m_by_2()
    {
        using var scope = NewDisposeScope();
        var t = Doubles(new double[,] { { 1, 0 }, { 0, 1 } });
        Refused(() => SmoothedGuidance.ConditionCovariance(t, -1, 1), "lambda", "lambda must be finite and >= 0; got -1");
        Refused(() => SmoothedGuidance.ConditionCovariance(zeros(2, 3, ScalarType.Float64), 1, 1), "transform",
            "T must have shape [m, 2] with m >= 1; got [2, 3]");
    }

    [Fact]
    public void The_two_class_preset_is_the_documented_pair_of_gaussians()
    {
        // Its summary (and notebook 01): N((-0.8, 0), 0.4^2 I) and N((0.8, 0), 0.4^2 I), equally likely.
        var world = MixturePresets.TwoClasses();
        TensorAssert.Equal(Doubles(new[,] { { -0.8, 0 }, { 0.8, 0 } }), world.MeanTensor(ScalarType.Float64, CadsRuntime.Device), "means");
        TensorAssert.Equal(tensor(new[] { 0.4, 0.4 }, ScalarType.Float64, CadsRuntime.Device), world.StdTensor(ScalarType.Float64, CadsRuntime.Device), "stds");
        Assert.Equal([0.5, 0.5], [world.ClassPrior(0), world.ClassPrior(1)]);
        Assert.Equal([[0], [1]], new[] { world.ComponentsOf(0), world.ComponentsOf(1) });
    }

    [Fact]
    public void The_small_data_network_is_read_from_the_shipped_file()
    {
        Assert.Equal(Path.Combine(DataFolder.Find(), "models", "mlp2d-small.pt"), DataFolder.PathOf(MixtureMlp.SmallDataPath));
        Assert.True(File.Exists(DataFolder.PathOf(MixtureMlp.SmallDataPath)), "data/models/mlp2d-small.pt is shipped");
    }

    [Fact]
    public void A_missing_small_data_network_names_the_command_that_trains_it()
    {
        // A data folder without models/: tests run one at a time (AssemblyInfo), so CADS_DATA is ours meanwhile.
        using var empty = new TempFolder();
        var before = Environment.GetEnvironmentVariable(DataFolder.Variable);
        Environment.SetEnvironmentVariable(DataFolder.Variable, empty.Path);
        try
        {
            var e = Assert.Throws<FileNotFoundException>(MixtureMlp.LoadSmallData);
            var path = Path.Combine(empty.Path, "models", "mlp2d-small.pt");
            Assert.Equal($"{path}: weights not found. Train them with `./cads train mlp2d-small`.", e.Message);
        }
        finally { Environment.SetEnvironmentVariable(DataFolder.Variable, before); }
    }
}
