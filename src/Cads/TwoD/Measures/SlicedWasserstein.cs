using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.TwoD.Measures;

/// <summary>
/// The sliced Wasserstein-2 distance, our distance to the true conditional:
/// SW2(P, Q) = sqrt(E_theta W2^2(theta . P, theta . Q)) over directions theta uniform on the circle, each 1-D W2 exact
/// from sorted projections (quantile matching). The directions are drawn from a seed, so the same inputs give the same
/// number. Two independent samples of n points of one distribution give about O(n^-1/2), not 0: compare against that floor.
/// </summary>
public static class SlicedWasserstein
{
    /// <summary>SW2 between samples a [N, D] and b [M, D] over <paramref name="projections"/> seeded directions.</summary>
    /// <exception cref="ArgumentException">projections &lt; 1, or the samples have different widths.</exception>
    public static double Distance(Tensor a, Tensor b, int projections = 256, long seed = 0)
    {
        if (projections < 1) throw new ArgumentException($"projections must be >= 1; got {projections}", nameof(projections));
        if (a.dim() != 2 || b.dim() != 2 || a.shape[1] != b.shape[1])
            throw new ArgumentException($"a and b must be [N, D] and [M, D]; got [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}]", nameof(b));
        using var scope = NewDisposeScope();
        var device = CadsRuntime.Device;
        var theta = randn([a.shape[1], projections], ScalarType.Float64, device, generator: CadsRuntime.Generator(seed));
        theta /= theta.norm(0, keepdim: true);
        // Both empirical quantile functions at the same levels (i + 1/2) / L, L the larger size: exact W2 when N = M.
        var levels = Math.Max(a.shape[0], b.shape[0]);
        var qa = Quantiles(a.to(ScalarType.Float64).to(device).mm(theta), levels);
        var qb = Quantiles(b.to(ScalarType.Float64).to(device).mm(theta), levels);
        return (qa - qb).square().mean().sqrt().item<double>();
    }

    static Tensor Quantiles(Tensor projected, long levels)
    {
        var n = projected.shape[0];
        var sorted = projected.sort(0).Values;
        var index = ((arange(levels, ScalarType.Float64, projected.device) + 0.5) * n / levels).floor().to(ScalarType.Int64);
        return sorted.index_select(0, index);
    }
}
