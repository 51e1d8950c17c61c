using System.Diagnostics;
using Cads.Sampling;

namespace Cads.Evaluation;

/// <summary>One cell of a sweep to run.</summary>
public sealed record SweepCell(string World, GuidanceMethod Method, double W, long Seed);

/// <summary>
/// Runs methods x guidance weights x seeds in the image world and/or the 2-D world, skipping the cells already in
/// the store (resumable). <see cref="GuidanceMethod.Conditional"/> does not depend on w, so it runs once per seed, at w = 1.
/// </summary>
public sealed class EvaluationSweep(EvaluationStore store, ImageEvaluation? images, TwoDEvaluation? twoD)
{
    public const string ImageWorld = "images";
    public const string TwoDWorld = "2d";

    /// <summary>The cells still to run, image world first.</summary>
    public IReadOnlyList<SweepCell> Pending(IReadOnlyList<GuidanceMethod> methods, IReadOnlyList<double> imageWeights,
        IReadOnlyList<double> twoDWeights, IReadOnlyList<long> seeds)
    {
        var worlds = new List<(string World, IReadOnlyList<double> Weights)>();
        if (images is not null) worlds.Add((ImageWorld, imageWeights));
        if (twoD is not null) worlds.Add((TwoDWorld, twoDWeights));
        return worlds.SelectMany(world => methods.SelectMany(m => (m == GuidanceMethod.Conditional ? [1.0] : world.Weights)
                .SelectMany(w => seeds.Select(seed => new SweepCell(world.World, m, w, seed)))))
            .Where(c => !store.Has(c.World, c.Method.Name(), c.W, c.Seed))
            .ToList();
    }

    /// <summary>Sampler steps of one cell of <paramref name="world"/>, for progress bars.</summary>
    public int Steps(string world) => world == ImageWorld ? images!.Settings.Steps : twoD!.Settings.Steps;

    /// <summary>Runs one cell and stores it.</summary>
    public CellResult Run(SweepCell cell, StepCallback? callback = null)
    {
        var clock = Stopwatch.StartNew();
        using var outcome = cell.World == ImageWorld
            ? images!.Evaluate(cell.Method, cell.W, cell.Seed, callback)
            : twoD!.Evaluate(cell.Method, cell.W, cell.Seed, callback);
        store.Add(cell.World, cell.Method.Name(), cell.W, cell.Seed, outcome, clock.Elapsed.TotalSeconds);
        return store.Results[^1];
    }
}
