using Cads.Annealing;
using Cads.Denoisers;
using Cads.Metrics;
using Cads.Noise;
using Cads.Runs;
using Cads.Sampling;
using Cads.Schedules;
using Cads.TwoD;
using Cads.TwoD.Measures;
using static TorchSharp.torch;

namespace Cads.Evaluation;

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

    /// <summary>Generated and exact reference points per class, by default.</summary>
    public const int DefaultPerClass = 200;

    /// <summary>
    /// The 2-D world's baseline run, the one setting every 2-D notebook and `cads eval --world 2d` start from: CFG at
    /// w = 8, CADS with tau1 = 0.3, tau2 = 0.6, s = 0.5, psi = 1, DDPM with 100 steps, batched seeds (hundreds of
    /// points, where per-sample generators would cost more than the network). The tests check that it recovers the
    /// modes CFG loses at w = 8.
    /// </summary>
    public static GuidedRun Baseline { get; } = new()
    {
        W = 8,
        Cads = new CadsSettings(Tau1: 0.3, Tau2: 0.6, NoiseScale: 0.5, Psi: 1),
        Sampler = "ddpm",
        Steps = 100,
        Seeds = new SeedPolicy(0, NoiseStreams.Batched),
    };

    public GaussianMixture2D World { get; } = MixturePresets.ThreeClassesManyModes();

    /// <summary>Generated and exact reference points per class.</summary>
    public int PerClass { get; }

    /// <summary>The denoiser the runs sample.</summary>
    public ConditionalDenoiser Denoiser => _denoiser;

    /// <summary>
    /// The blur delta of the exact world's weak model: Autoguidance's guide is the exact denoiser of the mixture
    /// convolved with N(0, delta^2 I) (<see cref="GaussianMixture2D.Blurred"/>), every mode widened, none moved.
    /// </summary>
    public const double GuideBlur = 0.1;

    /// <summary>Autoguidance's guide: a weaker denoiser of the same world, or null where none was given.</summary>
    public ConditionalDenoiser? Guide { get; }

    /// <summary>The denoiser's noise schedule, the one a sampler's time grid refers to.</summary>
    public NoiseSchedule Schedule => _denoiser.Schedule;

    /// <summary>Exact reference points [C PerClass, 2], class-major.</summary>
    public Tensor Reference { get; }

    /// <summary>Reference labels [C PerClass].</summary>
    public Tensor ReferenceLabels { get; }

    /// <summary>
    /// The world, PerClass exact reference points per class, and a denoiser of it: null, the exact network-like one
    /// (guided in Autoguidance by the exact model of the world blurred by <see cref="GuideBlur"/>); or e.g. the learned
    /// <see cref="TwoD.Learned.MixtureMlp"/> (new ConditionalDenoiser(MixtureMlp.LoadShipped(), MlpTraining.Schedule)),
    /// with <paramref name="guide"/> its weaker version, if any.
    /// </summary>
    /// <exception cref="ArgumentException">perClass out of range.</exception>
    public TwoDEvaluation(int perClass = DefaultPerClass, ConditionalDenoiser? denoiser = null, ConditionalDenoiser? guide = null)
    {
        if (perClass < PrecisionRecall.DefaultK + 1)
            throw new ArgumentException($"perClass must be >= {PrecisionRecall.DefaultK + 1} (precision/recall's k + 1); got {perClass}", nameof(perClass));
        PerClass = perClass;
        _denoiser = denoiser ?? ExactMixtureModel.NetworkLike(World, new VpCosineSchedule()).ToDenoiser();
        Guide = denoiser is null ? ExactMixtureModel.NetworkLike(World.Blurred(GuideBlur), _denoiser.Schedule).ToDenoiser() : guide;
        ReferenceLabels = Labels().Labels!;
        Reference = World.Sample(ReferenceLabels, ReferenceSeed);
    }

    /// <summary>PerClass samples of each class from <paramref name="run"/>, and their metrics.</summary>
    /// <exception cref="ArgumentException">A setting of the run out of range.</exception>
    public CellOutcome Evaluate(GuidedRun run, StepCallback? callback = null)
    {
        using var scope = NewDisposeScope();
        var condition = Labels();
        var x = run.Sample(_denoiser, condition, callback);
        var metrics = Measure(x, condition.Labels!);
        return new CellOutcome(metrics, x.to(ScalarType.Float64).MoveToOuterDisposeScope(), condition.Labels!.MoveToOuterDisposeScope());
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
        var labels = Labels().Labels!;
        var x = World.Sample(labels, seed);
        var metrics = Measure(x, labels);
        return new CellOutcome(metrics, x.to(ScalarType.Float64).MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    Condition Labels() => Condition.PerClass(World.Classes, PerClass);

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
