using static TorchSharp.torch;

namespace Cads.TwoD.Measures;

/// <summary>How many of each class's modes a set of class-labelled samples visits (<see cref="ModeCoverage"/>).</summary>
/// <param name="PerClass">Covered modes / modes of the class, per class.</param>
/// <param name="Counts">Samples assigned to each component k.</param>
/// <param name="Covered">Whether component k received its fair share.</param>
public sealed record ModeCoverageResult(IReadOnlyList<double> PerClass, IReadOnlyList<long> Counts, IReadOnlyList<bool> Covered)
{
    /// <summary>The coverage averaged over classes.</summary>
    public double Mean => PerClass.Average();
}

/// <summary>
/// Per-class mode coverage. Rule: a sample x of class c goes to the component of class c with the largest
/// responsibility p(k|x, c) under the clean mixture (nearest mode in the mixture's own metric, weights and stds
/// included); component k is covered when it receives at least <c>fairShare</c> (default 25%) of its expected count
/// (pi_k / p(c)) n_c, n_c being the number of samples of class c. Coverage of class c = covered modes / modes of c.
/// </summary>
/// <remarks>A quarter of the expected count forgives sampling noise (a 10% mode expects 20 of 200, needs 5) but not a mode that CFG only grazes.</remarks>
public static class ModeCoverage
{
    /// <summary>Coverage of samples [N, 2] with their classes labels [N] (int64).</summary>
    /// <exception cref="ArgumentException">fairShare is not in (0, 1], or the shapes disagree.</exception>
    public static ModeCoverageResult Measure(GaussianMixture2D mixture, Tensor samples, Tensor labels, double fairShare = 0.25)
    {
        if (!(fairShare > 0 && fairShare <= 1)) throw new ArgumentException($"fairShare must be in (0, 1]; got {fairShare}", nameof(fairShare));
        ModeAssignment.CheckShapes(samples, labels, nameof(samples));
        using var scope = NewDisposeScope();
        var assigned = ModeAssignment.Of(mixture, samples.to(ScalarType.Float64), labels);
        var counts = assigned.bincount(null,  mixture.Components).cpu().data<long>().ToArray();
        var perClassCount = labels.bincount(null,  mixture.Classes).cpu().data<long>().ToArray();

        var covered = new bool[mixture.Components];
        var perClass = new double[mixture.Classes];
        for (var c = 0; c < mixture.Classes; c++)
        {
            var modes = mixture.ComponentsOf(c);
            var prior = mixture.ClassPrior(c);
            foreach (var k in modes)
                covered[k] = perClassCount[c] > 0 && counts[k] >= fairShare * mixture.Weights[k] / prior * perClassCount[c];
            perClass[c] = modes.Count(k => covered[k]) / (double)modes.Length;
        }
        return new ModeCoverageResult(perClass, counts, covered);
    }
}
