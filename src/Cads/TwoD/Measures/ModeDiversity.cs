using Cads.Metrics;
using static TorchSharp.torch;

namespace Cads.TwoD.Measures;

/// <summary>
/// Diversity split mode by mode (<see cref="ModeDiversity"/>); every list is indexed by component k. A value that needs
/// points a mode did not get (no generated sample, fewer than two for a spread, no reference draw) is NaN.
/// </summary>
/// <param name="Classes">The number C of classes.</param>
/// <param name="ExpectedShare">pi_k / p(c_k): the mode's share of its class under the mixture.</param>
/// <param name="Share">The generated samples assigned to k over the generated samples of class c_k.</param>
/// <param name="ReferenceShare">The same share among the reference draws (close to ExpectedShare).</param>
/// <param name="Spread">The generated samples' spread about their own mean over the mode's own, sqrt(sum |x - x̄|² / (2 (n - 1))) / s_k: 1 for exact draws, below 1 when packed tighter.</param>
/// <param name="Offset">|x̄ - mu_k| / s_k: how far the samples' centre sits from the mode's, in the mode's stds.</param>
/// <param name="Recall">The share of mode k's reference draws inside the generated k-NN manifold of class c_k.</param>
/// <param name="Precision">The share of the generated samples assigned to k inside the reference k-NN manifold of class c_k.</param>
public sealed record ModeDiversityResult(
    int Classes,
    IReadOnlyList<double> ExpectedShare,
    IReadOnlyList<double> Share,
    IReadOnlyList<double> ReferenceShare,
    IReadOnlyList<double> Spread,
    IReadOnlyList<double> Offset,
    IReadOnlyList<double> Recall,
    IReadOnlyList<double> Precision)
{
    /// <summary>
    /// Recall averaged over classes, sum_k ReferenceShare_k Recall_k / C: the same number as
    /// <see cref="PrecisionRecall"/>'s recall per class averaged over the classes, now split into its modes' parts.
    /// </summary>
    public double MeanRecall => Group(Enumerable.Range(0, Share.Count)).RecallContribution;

    /// <summary>
    /// The modes <paramref name="components"/> taken together: their share of their classes (averaged over classes),
    /// spread and precision weighted with the generated counts, recall weighted with the reference counts, and the
    /// group's part of <see cref="MeanRecall"/> (the parts of a partition of the modes add up to it).
    /// </summary>
    public ModeGroup Group(IEnumerable<int> components)
    {
        var ks = components.Distinct().ToArray();
        double Weighted(IReadOnlyList<double> values, IReadOnlyList<double> weights)
        {
            var used = ks.Where(k => !double.IsNaN(values[k]) && weights[k] > 0).ToArray();
            var total = used.Sum(k => weights[k]);
            return total > 0 ? used.Sum(k => weights[k] * values[k]) / total : double.NaN;
        }
        var contribution = ks.Where(k => ReferenceShare[k] > 0).Sum(k => ReferenceShare[k] * Recall[k]) / Classes;
        return new ModeGroup(
            ks.Sum(k => ExpectedShare[k]) / Classes,
            ks.Sum(k => Share[k]) / Classes,
            Weighted(Spread, Share),
            Weighted(Recall, ReferenceShare),
            contribution,
            Weighted(Precision, Share));
    }
}

/// <summary>A set of modes taken together (<see cref="ModeDiversityResult.Group"/>).</summary>
/// <param name="ExpectedShare">Their mass within their classes, averaged over the classes.</param>
/// <param name="Share">The generated samples' share that went to them, averaged over the classes.</param>
/// <param name="Spread">Their spread ratio, weighted with their generated counts (NaN when none has two samples).</param>
/// <param name="Recall">The share of their reference draws inside the generated manifold.</param>
/// <param name="RecallContribution">Their part of the mean recall: sum of ReferenceShare_k Recall_k over them, / C.</param>
/// <param name="Precision">The share of the samples assigned to them inside the reference manifold.</param>
public sealed record ModeGroup(double ExpectedShare, double Share, double Spread, double Recall, double RecallContribution, double Precision);

/// <summary>
/// Why k-NN recall moves: diversity decomposed into coverage between modes (how the samples of a class are shared out
/// among its modes) and spread within a mode (how wide the samples assigned to a mode are, against the mode's own std),
/// with recall and precision split by mode. A sample or reference draw of class c goes to the mode of class c with the
/// largest responsibility under the clean mixture, the rule of <see cref="ModeCoverage"/> (<see cref="ModeAssignment"/>).
/// </summary>
public static class ModeDiversity
{
    /// <summary>
    /// The decomposition of <paramref name="samples"/> [N, 2] with classes <paramref name="labels"/> [N] (int64) against
    /// exact draws <paramref name="reference"/> [M, 2] with <paramref name="referenceLabels"/> [M], with the k-NN
    /// manifolds of <see cref="PrecisionRecall"/> built per class.
    /// </summary>
    /// <exception cref="ArgumentException">A set is not [N, 2] with [N] labels, or a class has no more than k samples or reference draws.</exception>
    public static ModeDiversityResult Measure(GaussianMixture2D mixture, Tensor samples, Tensor labels, Tensor reference, Tensor referenceLabels,
        int k = PrecisionRecall.DefaultK)
    {
        ModeAssignment.CheckShapes(samples, labels, nameof(samples));
        ModeAssignment.CheckShapes(reference, referenceLabels, nameof(reference));
        using var scope = NewDisposeScope();
        var x = samples.to(ScalarType.Float64);
        var r = reference.to(ScalarType.Float64).to(x.device);
        var xLabels = labels.to(x.device);
        var rLabels = referenceLabels.to(x.device);
        var xMode = ModeAssignment.Of(mixture, x, xLabels);
        var rMode = ModeAssignment.Of(mixture, r, rLabels);

        // Per point: is it inside the other set's manifold of its class?
        var xInside = zeros(x.shape[0], ScalarType.Bool, x.device);
        var rInside = zeros(r.shape[0], ScalarType.Bool, x.device);
        for (var c = 0; c < mixture.Classes; c++)
        {
            var xi = xLabels.eq(c).nonzero().squeeze(1);
            var ri = rLabels.eq(c).nonzero().squeeze(1);
            if (xi.shape[0] <= k || ri.shape[0] <= k)
                throw new ArgumentException($"class {c} needs more than k = {k} samples and reference draws; got {xi.shape[0]} and {ri.shape[0]}", nameof(samples));
            var (xc, rc) = (x.index_select(0, xi), r.index_select(0, ri));
            xInside.index_put_(PrecisionRecall.Inside(xc, rc, k), xi);
            rInside.index_put_(PrecisionRecall.Inside(rc, xc, k), ri);
        }

        var points = x.cpu().data<double>().ToArray();
        var modes = xMode.cpu().data<long>().ToArray();
        var inside = xInside.cpu().data<bool>().ToArray();
        var refModes = rMode.cpu().data<long>().ToArray();
        var refInside = rInside.cpu().data<bool>().ToArray();
        var perClass = xLabels.bincount(null, mixture.Classes).cpu().data<long>().ToArray();
        var refPerClass = rLabels.bincount(null, mixture.Classes).cpu().data<long>().ToArray();

        var K = mixture.Components;
        double[] expected = new double[K], share = new double[K], refShare = new double[K], spread = new double[K],
            offset = new double[K], recall = new double[K], precision = new double[K];
        for (var m = 0; m < K; m++)
        {
            var c = (int)mixture.ComponentClasses[m];
            var mine = Enumerable.Range(0, modes.Length).Where(i => modes[i] == m).ToArray();
            var refs = Enumerable.Range(0, refModes.Length).Where(i => refModes[i] == m).ToArray();
            expected[m] = mixture.Weights[m] / mixture.ClassPrior(c);
            share[m] = mine.Length / (double)perClass[c];
            refShare[m] = refs.Length / (double)refPerClass[c];
            recall[m] = refs.Length > 0 ? refs.Count(i => refInside[i]) / (double)refs.Length : double.NaN;
            precision[m] = mine.Length > 0 ? mine.Count(i => inside[i]) / (double)mine.Length : double.NaN;
            var (mx, my) = mixture.Means[m];
            var s = mixture.Stds[m];
            if (mine.Length == 0)
            {
                spread[m] = offset[m] = double.NaN;
                continue;
            }
            double cx = mine.Average(i => points[2 * i]), cy = mine.Average(i => points[2 * i + 1]);
            offset[m] = Math.Sqrt((cx - mx) * (cx - mx) + (cy - my) * (cy - my)) / s;
            // Two coordinates, n - 1 degrees of freedom each: the unbiased variance per coordinate, over the mode's s_k².
            spread[m] = mine.Length < 2 ? double.NaN
                : Math.Sqrt(mine.Sum(i => Square(points[2 * i] - cx) + Square(points[2 * i + 1] - cy)) / (2.0 * (mine.Length - 1))) / s;
        }
        return new ModeDiversityResult(mixture.Classes, expected, share, refShare, spread, offset, recall, precision);
    }

    /// <summary>Each class's heaviest mode (largest pi_k), in class order: the group to set against the rest.</summary>
    public static int[] HeaviestModes(GaussianMixture2D mixture) =>
        Enumerable.Range(0, mixture.Classes).Select(c => mixture.ComponentsOf(c).MaxBy(k => mixture.Weights[k])).ToArray();

    static double Square(double v) => v * v;
}
