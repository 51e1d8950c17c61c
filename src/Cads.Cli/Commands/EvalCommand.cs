using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Cads.Data;
using Cads.Evaluation;
using Cads.ImageWorld;
using Cads.Metrics;
using Cads.Runs;
using Cads.Runtime;

namespace Cads.Cli.Commands;

/// <summary>
/// `cads eval`: the sweep methods x w x seeds in the image world and the exact 2-D world, written to
/// artifacts/eval/ (results.json, results.md, features/*.csv), resumable. Each world starts from its library baseline
/// (<see cref="ImageEvaluation.Baseline"/>, <see cref="TwoDEvaluation.Baseline"/>) with the steps of --size; the
/// sampler and CADS flags change both (<see cref="Baselines"/>).
/// </summary>
public sealed class EvalCommand : TensorCommand
{
    // Sizes: quick finishes on a laptop CPU; large is for a GPU.
    sealed record Size(int ImagePerClass, int ImageSteps, double[] ImageWeights, int TwoDPerClass, int TwoDSteps, double[] TwoDWeights, int Seeds);

    static readonly List<(string Label, Size Size)> Sizes =
    [
        ("quick", new(50, 25, [4, 8], 200, 100, [4, 8], 1)),
        ("large", new(500, 50, [2, 4, 8, 12], 1000, 200, [2, 4, 8, 12], 3)),
    ];

    static string BySize(Func<Size, object> field) => Flags.Defaults(Sizes, field);

    // Precision and recall's k-NN radii need k + 1 points of a class.
    const int MinPerClass = PrecisionRecall.DefaultK + 1;

    readonly Option<string> _world = Flags.Choice("--world", "the worlds to evaluate", [EvaluationSweep.ImageWorld, EvaluationSweep.TwoDWorld, "both"]);
    readonly Option<string> _size = Flags.Choice("--size", "the sweep's size, the default of the options below", Sizes.Select(s => s.Label));
    readonly Option<int> _perClass = Flags.WholeNumber("--per-class", "K", "images: samples and reference images per class", MinPerClass, 6000)
        .WithDefault(BySize(s => s.ImagePerClass));
    readonly Option<int> _perClass2d = Flags.WholeNumber("--per-class-2d", "K", "2d: samples and reference points per class", MinPerClass, 100_000)
        .WithDefault(BySize(s => s.TwoDPerClass));
    readonly Option<int> _steps = RunFlags.StepsOption("--steps", "images: sampler steps N").WithDefault(BySize(s => s.ImageSteps));
    readonly Option<int> _steps2d = RunFlags.StepsOption("--steps-2d", "2d: sampler steps N").WithDefault(BySize(s => s.TwoDSteps));
    readonly Option<double[]> _weights = Flags.NumberList("--weights", "W,W", "images: guidance weights w", RunFlags.WeightRange)
        .WithDefault(BySize(s => string.Join(",", s.ImageWeights)));
    readonly Option<double[]> _weights2d = Flags.NumberList("--weights-2d", "W,W", "2d: guidance weights w", RunFlags.WeightRange)
        .WithDefault(BySize(s => string.Join(",", s.TwoDWeights)));
    readonly Option<int> _seeds = Flags.WholeNumber("--seeds", "N", "seeds 0 ... N - 1 of every cell", 1, 100).WithDefault(BySize(s => s.Seeds));
    readonly Option<GuidanceMethod[]> _methods = Flags.List("--methods", "M,M", "the methods to compare [default: all]", name =>
    {
        try { return GuidanceMethods.Parse(name); }
        catch (ArgumentException e) { throw new UsageException($"--methods '{name}': {UsageException.MessageOf(e)}."); }
    });
    readonly RunFlags _run = new([(EvaluationSweep.ImageWorld, ImageEvaluation.Baseline), (EvaluationSweep.TwoDWorld, TwoDEvaluation.Baseline)]);
    readonly Option<string> _out = Flags.Path("--out", "the results folder [default: artifacts/eval]");
    readonly Option<string> _model = Flags.Path("--model", "images: U-Net weights [default: the shipped data/models/unet.pt]");
    readonly Option<string> _weakModel = Flags.Path("--weak-model", "images: the weak U-Net that guides in autoguidance [default: the shipped data/models/unet-weak.pt]");
    readonly Option<string> _classifier = Flags.Path("--classifier", "images: classifier weights [default: the shipped data/models/classifier.pt]");

    public EvalCommand() : base("eval",
        $"metrics of {string.Join(", ", GuidanceMethods.All.Select(m => m.Name()))} over w and seeds, in the image world " +
        "(plus a training-data row, the metrics' floor) and the exact 2-D world; resumable")
    {
        _world.DefaultValueFactory = _ => "both";
        _size.DefaultValueFactory = _ => Sizes[0].Label;
        foreach (var option in (Option[])[_world, _size, _perClass, _perClass2d, _steps, _steps2d, _weights, _weights2d, _seeds, _methods,
                     .. _run.SweepOptions, _out, _model, _weakModel, _classifier])
            Options.Add(option);
    }

    /// <summary>
    /// The baseline run of each world the command line selects (null for the other): the library's baseline with the
    /// steps of --size, then every sampler and CADS flag given, in both worlds alike. A sweep cell is its world's
    /// baseline changed by the cell's method, w and seed (<see cref="EvaluationSweep.RunOf"/>).
    /// </summary>
    /// <exception cref="UsageException">The flags make a world's run invalid (tau1 above that world's tau2, say); the message names the world.</exception>
    public (GuidedRun? Images, GuidedRun? TwoD) Baselines(ParseResult result)
    {
        var size = SizeOf(result);
        var world = result.GetValue(_world);
        return (world is EvaluationSweep.TwoDWorld ? null : Baseline(result, EvaluationSweep.ImageWorld, ImageEvaluation.Baseline with { Steps = size.ImageSteps }, _steps),
                world is EvaluationSweep.ImageWorld ? null : Baseline(result, EvaluationSweep.TwoDWorld, TwoDEvaluation.Baseline with { Steps = size.TwoDSteps }, _steps2d));
    }

    GuidedRun Baseline(ParseResult result, string world, GuidedRun baseline, Option<int> steps)
    {
        try { return _run.Apply(result, baseline, steps); }
        catch (Exception e) when (e is UsageException or ArgumentException)
        {
            throw new UsageException($"{UsageException.MessageOf(e).TrimEnd('.')} (in the {world} world).");
        }
    }

    protected override void Check(ParseResult result) => Baselines(result);

    Size SizeOf(ParseResult result) => Sizes.Single(s => s.Label == result.GetValue(_size)).Size;

    protected override int Run(ParseResult result, TextWriter output)
    {
        var size = SizeOf(result);
        var (imageBaseline, twoDBaseline) = Baselines(result);
        var methods = result.ValueOr(_methods, [.. GuidanceMethods.All]);
        var seeds = Enumerable.Range(0, result.ValueOr(_seeds, size.Seeds)).Select(s => (long)s).ToList();
        var imagePerClass = result.ValueOr(_perClass, size.ImagePerClass);
        var twoDPerClass = result.ValueOr(_perClass2d, size.TwoDPerClass);
        var folder = Path.GetFullPath(result.GetValue(_out) ?? Path.Combine(RepoPaths.Artifacts, "eval"));
        var modelPath = Path.GetFullPath(result.GetValue(_model) ?? DataFolder.PathOf(UNet.ShippedPath));
        var weakPath = Path.GetFullPath(result.GetValue(_weakModel) ?? DataFolder.PathOf(UNet.WeakShippedPath));
        var classifierPath = Path.GetFullPath(result.GetValue(_classifier) ?? DataFolder.PathOf(Classifier.ShippedPath));
        var (lo, hi) = GuidanceMethods.DefaultInterval;
        // Everything that changes a cell's numbers; a resumed sweep must match it exactly.
        var fingerprint = string.Join("; ", new[]
        {
            imageBaseline is null ? null : $"images: {imagePerClass} per class, {imageBaseline}, unet {Hash(modelPath)}, " +
                                           $"weak unet {Hash(weakPath)}, classifier {Hash(classifierPath)}, reference: held-out, first {imagePerClass} per class",
            twoDBaseline is null ? null : $"2d: exact network-like model, {twoDPerClass} per class, {twoDBaseline}, " +
                                          $"guide: the world blurred by {TwoDEvaluation.GuideBlur}",
            $"interval ({lo}, {hi}]",
        }.OfType<string>());
        var store = new EvaluationStore(folder, fingerprint);

        output.WriteLine($"evaluating on {CadsRuntime.Describe()} into {folder}");
        output.WriteLine(fingerprint);
        using var images = imageBaseline is null ? null : LoadImages(modelPath, weakPath, classifierPath, imagePerClass, store);
        using var twoD = twoDBaseline is null ? null : new TwoDEvaluation(twoDPerClass);
        if (twoD is not null) store.SaveReference(EvaluationSweep.TwoDWorld, twoD.Reference, twoD.ReferenceLabels);

        // A world that is not evaluated runs no cell: its baseline is never read.
        var sweep = new EvaluationSweep(store, images, imageBaseline ?? ImageEvaluation.Baseline, twoD, twoDBaseline ?? TwoDEvaluation.Baseline);
        var pending = sweep.Pending(methods, result.ValueOr(_weights, size.ImageWeights), result.ValueOr(_weights2d, size.TwoDWeights), seeds);
        output.WriteLine($"{pending.Count} cells to run ({store.Results.Count} already in {store.JsonPath})");
        var bar = new ProgressBar("eval", Math.Max(1, pending.Sum(c => sweep.Steps(c.World))));
        var done = 0;
        foreach (var cell in pending)
        {
            var label = $"{cell.World} {cell.Method.Name()} w={cell.W} seed {cell.Seed}";
            var cellResult = sweep.Run(cell, (_, step, _, _) => bar.Report(done + step + 1, label));
            done += sweep.Steps(cell.World);
            output.WriteLine($"{label}: " + string.Join(", ", cellResult.Metrics.Select(p => $"{p.Key} {p.Value.ToString("G4", CultureInfo.InvariantCulture)}")) +
                             $" ({cellResult.Seconds:F0} s)");
        }
        output.WriteLine($"results: {store.JsonPath}, {store.MarkdownPath}; features: {store.FeaturesFolder}");
        return 0;
    }

    static ImageEvaluation LoadImages(string modelPath, string weakPath, string classifierPath, int perClass, EvaluationStore store)
    {
        var model = UNet.Load(modelPath);
        var weak = UNet.Load(weakPath, DenoiserTrainingOptions.Weak.Channels);
        var classifier = Classifier.Load(classifierPath);
        using var heldOut = FashionMnist.Load("heldout");
        var evaluation = new ImageEvaluation(model, classifier, heldOut, perClass, weak);
        store.SaveReference(EvaluationSweep.ImageWorld, evaluation.ReferenceFeatures, evaluation.ReferenceLabels);
        // Real training images in place of samples: the floor each metric has at this size, saved once.
        if (!store.Has(EvaluationSweep.ImageWorld, "training-data", 0, 0))
        {
            using var train = FashionMnist.Load("train");
            using var floor = evaluation.EvaluateData(train);
            store.Add(EvaluationSweep.ImageWorld, "training-data", 0, 0, floor, 0);
        }
        return evaluation;
    }

    static string Hash(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexString(SHA256.HashData(stream))[..12].ToLowerInvariant();
    }
}
