using System.Diagnostics;
using Cads.Runs;
using Cads.Sampling;

namespace Cads.Evaluation;

/// <summary>One cell of a sweep to run.</summary>
public sealed record SweepCell(string World, GuidanceMethod Method, double W, long Seed);

/// <summary>
/// Runs methods x guidance weights x seeds in the image world and/or the 2-D world, skipping the cells already in
/// the store (resumable). Each cell is its world's baseline run changed by the method (<see cref="GuidanceMethods.Apply"/>)
/// at the cell's w and seed. <see cref="GuidanceMethod.Conditional"/> does not depend on w, so it runs once per seed, at w = 1.
/// </summary>
/// <param name="store">Where results go; cells already in it are skipped.</param>
/// <param name="images">The image world, or null to skip it.</param>
/// <param name="imageBaseline">Its baseline run (sampler, steps, CADS settings).</param>
/// <param name="twoD">The 2-D world, or null to skip it.</param>
/// <param name="twoDBaseline">Its baseline run.</param>
/// <param name="interval">The guidance interval of the interval method, in sigma~.</param>
public sealed class EvaluationSweep(EvaluationStore store, ImageEvaluation? images, GuidedRun imageBaseline, TwoDEvaluation? twoD,
    GuidedRun twoDBaseline, (double Lo, double Hi)? interval = null)
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
    public int Steps(string world) => world == ImageWorld ? imageBaseline.Steps : twoDBaseline.Steps;

    /// <summary>The run of <paramref name="cell"/>; Autoguidance's guide is its world's (<see cref="ImageEvaluation.Guide"/>, <see cref="TwoDEvaluation.Guide"/>).</summary>
    /// <exception cref="ArgumentException">An Autoguidance cell in a world that has no guide.</exception>
    public GuidedRun RunOf(SweepCell cell) => cell.World == ImageWorld
        ? cell.Method.Apply(imageBaseline, cell.W, interval, images?.Guide).WithSeed(cell.Seed)
        : cell.Method.Apply(twoDBaseline, cell.W, interval, twoD?.Guide).WithSeed(cell.Seed);

    /// <summary>Runs one cell and stores it.</summary>
    public CellResult Run(SweepCell cell, StepCallback? callback = null)
    {
        var clock = Stopwatch.StartNew();
        var run = RunOf(cell);
        using var outcome = cell.World == ImageWorld ? images!.Evaluate(run, callback) : twoD!.Evaluate(run, callback);
        store.Add(cell.World, cell.Method.Name(), cell.W, cell.Seed, outcome, clock.Elapsed.TotalSeconds);
        return store.Results[^1];
    }
}
