using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Metrics;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.TwoD;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Evaluation;

/// <summary>Sizes and CADS settings of the 2-D world's evaluation.</summary>
public sealed record TwoDEvaluationSettings
{
    /// <summary>Generated and exact reference points per class.</summary>
    public int PerClass { get; init; } = 200;
    /// <summary>DDPM steps on a uniform grid.</summary>
    public int Steps { get; init; } = 100;
    /// <summary>The 2-D world's CADS setting; the tests check that it recovers the modes CFG loses at w = 8, and notebook 05 compares it with the image setting here.</summary>
    public CadsOptions Cads { get; init; } = new(Tau1: 0.3, Tau2: 0.6, NoiseScale: 0.5, Psi: 1);
    /// <summary>The guidance interval in sigma~ = sigma / alpha.</summary>
    public (double Lo, double Hi) Interval { get; init; } = (0.28, 5.42);
}

/// <summary>
/// The exact 2-D world's metrics of one cell: <see cref="MixturePresets.ThreeClassesManyModes"/> sampled through its
/// exact network-like denoiser (<see cref="ExactMixtureModel.NetworkLike"/>, VP cosine, DDPM), so every difference
/// between methods is the sampler's, none a learned model's error. Per class against PerClass exact draws of that
/// class, averaged over classes: coverage (<see cref="ModeCoverage"/>), precision, recall (k = 3), sw2 (sliced W2).
/// </summary>
public sealed class TwoDEvaluation : IDisposable
{
    // The reference draws' seed is fixed apart from the cell seeds, so every cell meets the same reference.
    const long ReferenceSeed = 9_000_001;

    readonly ConditionalDenoiser _denoiser;

    public GaussianMixture2D World { get; } = MixturePresets.ThreeClassesManyModes();
    public TwoDEvaluationSettings Settings { get; }

    /// <summary>The denoiser's noise schedule, the one a sampler's time grid refers to.</summary>
    public NoiseSchedule Schedule => _denoiser.Schedule;

    /// <summary>Exact reference points [C PerClass, 2], class-major.</summary>
    public Tensor Reference { get; }

    /// <summary>Reference labels [C PerClass].</summary>
    public Tensor ReferenceLabels { get; }

    /// <exception cref="ArgumentException">PerClass or Steps out of range.</exception>
    public TwoDEvaluation(TwoDEvaluationSettings settings) : this(settings, null) { }

    /// <summary>
    /// The same world, reference and measures with another denoiser of it, e.g. the learned
    /// <see cref="TwoD.Learned.MixtureMlp"/> (new ConditionalDenoiser(MixtureMlp.LoadShipped(), MlpTraining.Schedule)).
    /// null: the exact network-like one.
    /// </summary>
    /// <exception cref="ArgumentException">PerClass or Steps out of range.</exception>
    public TwoDEvaluation(TwoDEvaluationSettings settings, ConditionalDenoiser? denoiser)
    {
        if (settings.PerClass < PrecisionRecall.DefaultK + 1)
            throw new ArgumentException($"PerClass must be >= {PrecisionRecall.DefaultK + 1} (precision/recall's k + 1); got {settings.PerClass}", nameof(settings));
        if (settings.Steps < 1) throw new ArgumentException($"Steps must be >= 1; got {settings.Steps}", nameof(settings));
        Settings = settings;
        _denoiser = denoiser ?? ExactMixtureModel.NetworkLike(World, new VpCosineSchedule()).ToDenoiser();
        ReferenceLabels = Labels();
        Reference = World.Sample(ReferenceLabels, ReferenceSeed);
    }

    /// <summary>Samples <paramref name="method"/> at <paramref name="w"/> with <paramref name="seed"/> and measures it.</summary>
    public CellOutcome Evaluate(GuidanceMethod method, double w, long seed, StepCallback? callback = null)
    {
        var setup = method.Setup(w, Settings.Cads, Settings.Interval);
        return Run(setup.W, setup.Schedule, setup.Cads is { } cads ? cads.Transform : null, "ddpm", seed, callback);
    }

    /// <summary>
    /// An ablation cell: uncond-based CFG at <paramref name="w"/> with the CADS transform that <paramref name="cads"/>
    /// builds from the cell's CADS noise (null: plain CFG), sampled with <paramref name="sampler"/> (one of
    /// <see cref="SamplerCatalog.Names"/>, on <paramref name="grid"/>, by default its <see cref="SamplerCatalog.Grid"/> of
    /// Settings.Steps steps; another grid, e.g. TimeGrid.Uniform(Schedule, n), compares samplers at equal steps inside
    /// the annealing window). The starting, sampler and CADS noise are those of
    /// <see cref="Evaluate(GuidanceMethod, double, long, StepCallback?)"/>, so settings compared at one seed start from the same noise.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown sampler name, or a grid on another schedule.</exception>
    public CellOutcome Evaluate(double w, Func<NoiseSource, CadsTransform>? cads, string sampler, long seed, StepCallback? callback = null,
        TimeGrid? grid = null)
    {
        if (grid is not null && grid.Schedule.GetType() != Schedule.GetType())
            throw new ArgumentException($"grid must be on the denoiser's schedule ({Schedule.GetType().Name}); got {grid.Schedule.GetType().Name}", nameof(grid));
        return Run(w, GuidanceSchedule.Constant, cads, sampler, seed, callback, grid);
    }

    CellOutcome Run(double w, IGuidanceSchedule schedule, Func<NoiseSource, CadsTransform>? cads, string sampler, long seed,
        StepCallback? callback, TimeGrid? grid = null)
    {
        var sample = SamplerCatalog.ByName(sampler);
        using var scope = NewDisposeScope();
        var labels = Labels();
        // Hundreds of 2-D samples: per-sample generators would cost more than the network (SampleSeeds.Batched).
        var seeds = SampleSeeds.Batched(seed);
        var guided = new Cfg(_denoiser, Condition.Classes(labels), w)
        {
            Schedule = schedule,
            Cads = cads?.Invoke(seeds.Cads),
        };
        grid ??= SamplerCatalog.Grid(sampler, _denoiser.Schedule, Settings.Steps);
        var z = grid.InitialNoise([labels.shape[0], 2], seeds.Initial);
        var x = sample(guided, z, grid, new SamplerOptions
        {
            Noise = seeds.Sampler,
            Callback = callback,
        });
        var metrics = Measure(x, labels);
        return new CellOutcome(metrics, x.to(ScalarType.Float64).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The metrics of exact draws of the mixture in place of samples (PerClass per class, drawn with
    /// <paramref name="seed"/>, apart from the reference's): the floor that finite sets leave even for a perfect sampler.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="seed"/> is the reference's own seed (the sets would coincide).</exception>
    public CellOutcome EvaluateData(long seed = 0)
    {
        if (seed == ReferenceSeed) throw new ArgumentException($"seed must differ from the reference's seed {ReferenceSeed}", nameof(seed));
        using var scope = NewDisposeScope();
        var labels = Labels();
        var x = World.Sample(labels, seed);
        var metrics = Measure(x, labels);
        return new CellOutcome(metrics, x.to(ScalarType.Float64).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    Tensor Labels() => arange(World.Classes, ScalarType.Int64, CadsRuntime.Device).repeat_interleave(Settings.PerClass);

    Dictionary<string, double> Measure(Tensor x, Tensor labels)
    {
        using var scope = NewDisposeScope();
        double precision = 0, recall = 0, sw2 = 0;
        for (var c = 0; c < World.Classes; c++)
        {
            var mine = x.index_select(0, labels.eq(c).nonzero().squeeze(1));
            var reference = Reference.index_select(0, ReferenceLabels.eq(c).nonzero().squeeze(1));
            var (p, r) = PrecisionRecall.Measure(reference, mine);
            precision += p / World.Classes;
            recall += r / World.Classes;
            sw2 += SlicedWasserstein.Distance(mine, reference) / World.Classes;
        }
        return new Dictionary<string, double>
        {
            ["coverage"] = ModeCoverage.Measure(World, x, labels).Mean,
            ["precision"] = precision,
            ["recall"] = recall,
            ["sw2"] = sw2,
        };
    }

    public void Dispose()
    {
        Reference.Dispose();
        ReferenceLabels.Dispose();
    }
}
