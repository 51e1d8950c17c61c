using Cads.Runtime;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.TwoD;

/// <summary>
/// A class-conditional mixture of isotropic Gaussians in the plane, the exact 2-D world:
/// p(x) = sum_k pi_k N(x; mu_k, s_k^2 I), component k belonging to class c_k, so that
/// p(c) = sum_{k: c_k = c} pi_k and p(x|c) = sum_{k: c_k = c} (pi_k / p(c)) N(x; mu_k, s_k^2 I).
/// Noised by z_t = alpha x0 + sigma eps it stays a mixture (<see cref="At(double, double)"/>), which is what makes
/// densities, scores, class posteriors and denoisers exact here.
/// </summary>
public sealed class GaussianMixture2D
{
    readonly double[] _means; // [K * 2], row-major
    readonly double[] _stds;
    readonly double[] _weights; // normalised
    readonly long[] _classes;

    /// <summary>The number K of components.</summary>
    public int Components => _stds.Length;

    /// <summary>The number C of classes; the classes are 0 ... C - 1.</summary>
    public int Classes { get; }

    /// <summary>mu_k, k = 0 ... K - 1.</summary>
    public IReadOnlyList<(double X, double Y)> Means =>
        Enumerable.Range(0, Components).Select(k => (_means[2 * k], _means[2 * k + 1])).ToArray();

    /// <summary>s_k.</summary>
    public IReadOnlyList<double> Stds => _stds;

    /// <summary>pi_k, normalised to sum to 1.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>c_k.</summary>
    public IReadOnlyList<long> ComponentClasses => _classes;

    /// <param name="means">mu_k as rows [K, 2].</param>
    /// <param name="stds">s_k &gt; 0, one per component.</param>
    /// <param name="weights">pi_k &gt; 0, one per component; normalised here, so relative weights will do.</param>
    /// <param name="classes">c_k, one per component; every class 0 ... C - 1 must own at least one component.</param>
    /// <exception cref="ArgumentException">A parameter is empty, non-finite, out of range or of the wrong length; the message names it.</exception>
    public GaussianMixture2D(double[,] means, double[] stds, double[] weights, int[] classes)
    {
        var k = means.GetLength(0);
        if (k == 0 || means.GetLength(1) != 2)
            throw new ArgumentException($"means must have shape [K, 2] with K >= 1; got [{k}, {means.GetLength(1)}]", nameof(means));
        RequireLength(stds, k, nameof(stds));
        RequireLength(weights, k, nameof(weights));
        RequireLength(classes, k, nameof(classes));
        var flatMeans = means.Cast<double>().ToArray();
        RequireAll(flatMeans, double.IsFinite, nameof(means), "finite (flattened row-major)");
        RequireAll(stds, s => s > 0 && double.IsFinite(s), nameof(stds), "finite and > 0");
        RequireAll(weights, p => p > 0 && double.IsFinite(p), nameof(weights), "finite and > 0");
        Classes = classes.Max() + 1;
        if (classes.Min() < 0 || Enumerable.Range(0, Classes).Any(c => !classes.Contains(c)))
            throw new ArgumentException(
                $"classes must be 0 ... C - 1 with every class owning a component; got [{string.Join(", ", classes)}]", nameof(classes));

        _means = flatMeans;
        _stds = stds.ToArray();
        var total = weights.Sum();
        _weights = weights.Select(p => p / total).ToArray();
        _classes = classes.Select(c => (long)c).ToArray();
    }

    static void RequireLength<T>(T[] values, int k, string name)
    {
        if (values.Length != k)
            throw new ArgumentException($"{name} must have one entry per component (K = {k}, the rows of means); got {values.Length}", name);
    }

    static void RequireAll(double[] values, Func<double, bool> ok, string name, string rule)
    {
        var i = Array.FindIndex(values, v => !ok(v));
        if (i >= 0) throw new ArgumentException($"{name} must be {rule}; {name}[{i}] = {values[i]}", name);
    }

    /// <summary>
    /// The mixture convolved with N(0, delta^2 I): every component widened to std sqrt(s_k^2 + delta^2), means, weights
    /// and classes kept. Its exact denoiser is a model that knows the data only up to a resolution delta, the
    /// degradation that makes the weak guide of Autoguidance in the exact world (Karras et al. 2024 find that a weak
    /// model's errors spread its density out; here the spread is exact and has one parameter).
    /// </summary>
    /// <exception cref="ArgumentException">delta is negative or not finite.</exception>
    public GaussianMixture2D Blurred(double delta)
    {
        Validation.Check.NonNegative(delta, nameof(delta));
        var means = new double[Components, 2];
        for (var k = 0; k < Components; k++) (means[k, 0], means[k, 1]) = (_means[2 * k], _means[2 * k + 1]);
        return new GaussianMixture2D(means, _stds.Select(s => Math.Sqrt(s * s + delta * delta)).ToArray(), _weights,
            _classes.Select(c => (int)c).ToArray());
    }

    /// <summary>p(c) = sum of pi_k over the components of class c.</summary>
    public double ClassPrior(int c) => Enumerable.Range(0, Components).Where(k => _classes[k] == c).Sum(k => _weights[k]);

    /// <summary>The components of class c, in order.</summary>
    public int[] ComponentsOf(int c) => Enumerable.Range(0, Components).Where(k => _classes[k] == c).ToArray();

    /// <summary>The distribution of z_t = alpha x0 + sigma eps at time t of <paramref name="schedule"/>.</summary>
    public NoisedMixture At(NoiseSchedule schedule, double t) => new(this, schedule.Alpha(t), schedule.Sigma(t));

    /// <summary>The distribution of z = alpha x0 + sigma eps: component k becomes N(alpha mu_k, (alpha^2 s_k^2 + sigma^2) I).</summary>
    public NoisedMixture At(double alpha, double sigma) => new(this, alpha, sigma);

    /// <summary>mu_k as a tensor [K, 2].</summary>
    public Tensor MeanTensor(ScalarType dtype, Device device) => Constant("means", dtype, device, () => (_means, [Components, 2]));

    /// <summary>s_k as a tensor [K].</summary>
    public Tensor StdTensor(ScalarType dtype, Device device) => Constant("stds", dtype, device, () => (_stds, [Components]));

    /// <summary>log pi_k as a tensor [K].</summary>
    public Tensor LogWeightTensor(ScalarType dtype, Device device) =>
        Constant("log weights", dtype, device, () => (_weights.Select(p => Math.Log(p)).ToArray(), [Components]));

    /// <summary>
    /// The class mask as log-weights [C, K]: 0 where c_k = c, -inf elsewhere; added to per-component log-terms and
    /// reduced with logsumexp over k it restricts a sum to one class.
    /// </summary>
    public Tensor ClassLogMask(ScalarType dtype, Device device) => Constant("class log mask", dtype, device, () =>
    {
        var mask = new double[Classes * Components];
        for (var c = 0; c < Classes; c++)
        for (var k = 0; k < Components; k++)
            mask[c * Components + k] = _classes[k] == c ? 0 : double.NegativeInfinity;
        return (mask, [Classes, Components]);
    });

    // The exact denoiser needs these at every sampling step: made from .NET arrays once per dtype and device, not
    // copied to the device at every step. Callers get their own handle (alias), which they may dispose.
    readonly Dictionary<(string, ScalarType, string), Tensor> _constants = [];

    Tensor Constant(string name, ScalarType dtype, Device device, Func<(double[] Values, long[] Shape)> make)
    {
        var key = (name, dtype, device.ToString());
        lock (_constants)
        {
            if (!_constants.TryGetValue(key, out var value))
            {
                var (values, shape) = make();
                _constants[key] = value = tensor(values, shape, dtype, device).DetachFromDisposeScope();
            }
            return value.alias();
        }
    }

    /// <summary>
    /// Exact draws (x0, c) ~ p(x, c): n samples with their class labels [n] (int64). The same seed gives the same samples.
    /// </summary>
    public (Tensor X, Tensor Labels) Sample(long n, long seed, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var device = CadsRuntime.Device;
        var generator = CadsRuntime.Generator(seed);
        var components = multinomial(tensor(_weights, ScalarType.Float64, device), n, replacement: true, generator: generator);
        var x = Draw(components, generator, dtype);
        var labels = tensor(_classes, ScalarType.Int64, device).index_select(0, components);
        return (x.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>Exact draws x0 ~ p(x|c) [B, 2], one per label in <paramref name="labels"/> [B] (int64).</summary>
    public Tensor Sample(Tensor labels, long seed, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        var device = CadsRuntime.Device;
        var generator = CadsRuntime.Generator(seed);
        // Row c holds pi_k / p(c) on class c's components and 0 elsewhere: p(k | c).
        var withinClass = ClassLogMask(ScalarType.Float64, device).add(LogWeightTensor(ScalarType.Float64, device)).softmax(1);
        var components = multinomial(withinClass.index_select(0, labels.to(device)), 1, generator: generator).squeeze(1);
        return Draw(components, generator, dtype).MoveToOuterDisposeScope();
    }

    /// <summary>Exact draws x0 ~ p(x|c) [n, 2] of one class.</summary>
    public Tensor Sample(int c, long n, long seed, ScalarType dtype = ScalarType.Float32)
    {
        if (c < 0 || c >= Classes) throw new ArgumentException($"c must be in [0, {Classes - 1}]; got {c}", nameof(c));
        using var scope = NewDisposeScope();
        return Sample(full(n, c, ScalarType.Int64, CadsRuntime.Device), seed, dtype).MoveToOuterDisposeScope();
    }

    // x0 = mu_k + s_k eps for the given components [n].
    Tensor Draw(Tensor components, Generator generator, ScalarType dtype)
    {
        var device = components.device;
        var eps = randn([components.shape[0], 2], ScalarType.Float64, device, generator: generator);
        var mu = MeanTensor(ScalarType.Float64, device).index_select(0, components);
        var s = StdTensor(ScalarType.Float64, device).index_select(0, components).unsqueeze(1);
        return (mu + s * eps).to(dtype);
    }
}
