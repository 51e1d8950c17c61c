using System.Globalization;
using System.Security.Cryptography;
using Cads.Annealing;
using Cads.Data;
using Cads.Evaluation;
using Cads.ImageWorld;
using Cads.Runtime;
using Cads.Sampling;

namespace Cads.Cli.Commands;

/// <summary>
/// `cads eval`: the sweep methods x w x seeds in the image world and the exact 2-D world, written to
/// artifacts/eval/ (results.json, results.md, features/*.csv), resumable.
/// </summary>
public static class EvalCommand
{
    // Sizes: quick finishes on a laptop CPU; large is for a GPU.
    sealed record Size(int ImagePerClass, int ImageSteps, double[] ImageWeights, int TwoDPerClass, int TwoDSteps, double[] TwoDWeights, int Seeds);

    static readonly Dictionary<string, Size> Sizes = new()
    {
        ["quick"] = new(50, 25, [4, 8], 200, 100, [4, 8], 1),
        ["large"] = new(500, 50, [2, 4, 8, 12], 1000, 200, [2, 4, 8, 12], 3),
    };

    public static int Run(string[] args, TextWriter output)
    {
        var o = new CommandOptions(args,
            ["world", "size", "per-class", "steps", "weights", "per-class-2d", "steps-2d", "weights-2d", "seeds", "methods",
             "sampler", "tau1", "tau2", "noise-scale", "psi", "out", "model", "classifier"]);
        if (o.Positional.Count > 0) throw new UsageException($"eval takes no positional arguments; got '{o.Positional[0]}'.");
        var world = o.String("world", "both")!;
        if (world is not ("images" or "2d" or "both")) throw new UsageException($"--world must be images, 2d or both; got '{world}'.");
        var sizeName = o.String("size", "quick")!;
        var size = Sizes.GetValueOrDefault(sizeName) ?? throw new UsageException($"--size must be quick or large; got '{sizeName}'.");
        var sampler = o.String("sampler", "ddpm")!;
        if (!SamplerCatalog.Names.Contains(sampler))
            throw new UsageException($"--sampler must be one of {string.Join(", ", SamplerCatalog.Names)}; got '{sampler}'.");
        var methods = o.String("methods") is { } names
            ? names.Split(',').Select(n => Parse(() => GuidanceMethods.Parse(n), "methods", n)).Distinct().ToList()
            : GuidanceMethods.All.ToList();
        var seeds = Enumerable.Range(0, o.Int("seeds", size.Seeds, 1, 100)).Select(s => (long)s).ToList();
        var imageWeights = Weights(o, "weights", size.ImageWeights);
        var twoDWeights = Weights(o, "weights-2d", size.TwoDWeights);
        var defaults = new CadsSettings();
        var cads = new CadsSettings(o.Double("tau1", defaults.Tau1, 0, 1), o.Double("tau2", defaults.Tau2, 0, 1),
            o.Double("noise-scale", defaults.NoiseScale, 0, 100), o.Double("psi", defaults.Psi, 0, 1));
        if (cads.Tau1 > cads.Tau2) throw new UsageException($"--tau1 must be <= --tau2; got tau1 = {cads.Tau1}, tau2 = {cads.Tau2}.");
        var imagePerClass = o.Int("per-class", size.ImagePerClass, 4, 6000);
        var imageBaseline = ImageEvaluation.Baseline with { Steps = o.Int("steps", size.ImageSteps, 1, 10_000), Sampler = sampler, Cads = cads };
        var twoDPerClass = o.Int("per-class-2d", size.TwoDPerClass, 4, 100_000);
        var twoDBaseline = TwoDEvaluation.Baseline with { Steps = o.Int("steps-2d", size.TwoDSteps, 1, 10_000) };
        var folder = Path.GetFullPath(o.String("out") ?? Path.Combine(RepoPaths.Artifacts, "eval"));
        var doImages = world is "images" or "both";
        var doTwoD = world is "2d" or "both";

        var modelPath = Path.GetFullPath(o.String("model") ?? DataFolder.PathOf(UNet.ShippedPath));
        var classifierPath = Path.GetFullPath(o.String("classifier") ?? DataFolder.PathOf(Classifier.ShippedPath));
        // Everything that changes a cell's numbers; a resumed sweep must match it exactly.
        var fingerprint = string.Join("; ", new[]
        {
            doImages ? $"images: {imagePerClass} per class, baseline {imageBaseline}, interval {GuidanceMethods.DefaultInterval}, " +
                       $"unet {Hash(modelPath)}, classifier {Hash(classifierPath)}, reference: held-out, first {imagePerClass} per class" : null,
            doTwoD ? $"2d: exact network-like model, {twoDPerClass} per class, baseline {twoDBaseline}, interval {GuidanceMethods.DefaultInterval}" : null,
        }.OfType<string>());
        var store = new EvaluationStore(folder, fingerprint);

        output.WriteLine($"evaluating on {CadsRuntime.Describe()} into {folder}");
        output.WriteLine(fingerprint);
        using var images = doImages ? LoadImages(modelPath, classifierPath, imagePerClass, store) : null;
        using var twoD = doTwoD ? new TwoDEvaluation(twoDPerClass) : null;
        if (twoD is not null) store.SaveReference(EvaluationSweep.TwoDWorld, twoD.Reference, twoD.ReferenceLabels);

        var sweep = new EvaluationSweep(store, images, imageBaseline, twoD, twoDBaseline);
        var pending = sweep.Pending(methods, imageWeights, twoDWeights, seeds);
        output.WriteLine($"{pending.Count} cells to run ({store.Results.Count} already in {store.JsonPath})");
        var totalSteps = pending.Sum(c => sweep.Steps(c.World));
        var bar = new ProgressBar("eval", Math.Max(1, totalSteps));
        var done = 0;
        foreach (var cell in pending)
        {
            var label = $"{cell.World} {cell.Method.Name()} w={cell.W} seed {cell.Seed}";
            var result = sweep.Run(cell, (_, step, _, _) => bar.Report(done + step + 1, label));
            done += sweep.Steps(cell.World);
            output.WriteLine($"{label}: " + string.Join(", ", result.Metrics.Select(p => $"{p.Key} {p.Value.ToString("G4", CultureInfo.InvariantCulture)}")) +
                             $" ({result.Seconds:F0} s)");
        }
        output.WriteLine($"results: {store.JsonPath}, {store.MarkdownPath}; features: {store.FeaturesFolder}");
        return 0;
    }

    static ImageEvaluation LoadImages(string modelPath, string classifierPath, int perClass, EvaluationStore store)
    {
        var model = UNet.Load(modelPath);
        var classifier = Classifier.Load(classifierPath);
        using var heldOut = FashionMnist.Load("heldout");
        var evaluation = Parse(() => new ImageEvaluation(model, classifier, heldOut, perClass), "per-class", perClass.ToString(CultureInfo.InvariantCulture));
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

    static List<double> Weights(CommandOptions o, string name, double[] fallback)
    {
        if (o.String(name) is not { } text) return fallback.ToList();
        return text.Split(',').Select(part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && double.IsFinite(w) && w >= 0 && w <= 100
                ? w
                : throw new UsageException($"--{name} must be a comma-separated list of numbers in [0, 100]; got '{part}' in '{text}'.")).Distinct().ToList();
    }

    static T Parse<T>(Func<T> parse, string option, string value)
    {
        try { return parse(); }
        catch (ArgumentException e) { throw new UsageException($"--{option} '{value}': {e.Message}."); }
    }

    static string Hash(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist.", path);
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexString(SHA256.HashData(stream))[..12].ToLowerInvariant();
    }
}
