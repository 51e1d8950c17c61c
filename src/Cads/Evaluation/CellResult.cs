namespace Cads.Evaluation;

/// <summary>
/// One evaluated cell of a sweep: a world, a method, an uncond-based weight w and a seed, with its metrics by name
/// and the seconds it took. <see cref="GuidanceMethod.Conditional"/> is recorded at w = 1.
/// </summary>
public sealed record CellResult(string World, string Method, double W, long Seed, IReadOnlyDictionary<string, double> Metrics, double Seconds)
{
    /// <summary>Whether this result is the cell (world, method, w, seed).</summary>
    public bool Is(string world, string method, double w, long seed) => World == world && Method == method && W == w && Seed == seed;

    /// <summary>The file name stem of the cell's saved features: world-method-w-seed.</summary>
    public static string Stem(string world, string method, double w, long seed) =>
        $"{world}-{method.Replace('+', '_')}-w{w.ToString(System.Globalization.CultureInfo.InvariantCulture)}-seed{seed}";
}

/// <summary>A cell's metrics and the features (or 2-D points) they were computed from, with each row's class.</summary>
public sealed record CellOutcome(IReadOnlyDictionary<string, double> Metrics, TorchSharp.torch.Tensor Features, TorchSharp.torch.Tensor Labels) : IDisposable
{
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
