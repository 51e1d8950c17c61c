using Cads.Annealing;
using Cads.Data;
using Cads.Denoisers;
using Cads.ImageWorld;
using Cads.Metrics;
using Cads.Runs;
using Cads.Sampling;
using Cads.Validation;
using static TorchSharp.torch;

namespace Cads.Evaluation;

/// <summary>
/// The image world's metrics of one sampled cell, all in the classifier's 128-d feature space, against a reference
/// set of the first <see cref="PerClass"/> held-out Fashion-MNIST images of each class (the
/// same size as the generated set, since precision/recall's k-NN radii depend on set size):
/// fid (Fréchet distance), precision, recall (k = 3), mss and vendi (within each class, averaged over classes),
/// class_accuracy, inception_score.
/// </summary>
public sealed class ImageEvaluation : IDisposable
{
    readonly UNet _model;
    readonly Classifier _classifier;

    /// <summary>Generated samples per class, and reference images per class, by default.</summary>
    public const int DefaultPerClass = 50;

    /// <summary>
    /// The image world's baseline for `cads eval`: CFG at w = 4, CADS at its default settings (the public
    /// implementations', <see cref="CadsSettings"/>), DDPM with 25 steps, per-sample seeds.
    /// </summary>
    public static GuidedRun Baseline { get; } = new() { W = 4, Cads = new CadsSettings(), Sampler = "ddpm", Steps = 25 };

    /// <summary>Generated samples per class, and reference images per class.</summary>
    public int PerClass { get; }

    /// <summary>Reference features [10 K, 128], class-major.</summary>
    public Tensor ReferenceFeatures { get; }

    /// <summary>Reference labels [10 K].</summary>
    public Tensor ReferenceLabels { get; }

    /// <summary>Autoguidance's guide, a weaker U-Net of the same data (<see cref="UNet.LoadWeak"/>), or null where none was given.</summary>
    public ConditionalDenoiser? Guide { get; }

    /// <exception cref="ArgumentException">A setting out of range, or the held-out split has fewer than PerClass images of a class.</exception>
    public ImageEvaluation(UNet model, Classifier classifier, FashionMnist heldOut, int perClass = DefaultPerClass, UNet? guide = null)
    {
        Guide = guide?.Denoiser;
        _model = model;
        _classifier = classifier;
        if (perClass < PrecisionRecall.DefaultK + 1)
            throw new ArgumentException($"perClass must be >= {PrecisionRecall.DefaultK + 1} (precision/recall's k + 1); got {perClass}", nameof(perClass));
        PerClass = perClass;
        using var scope = NewDisposeScope();
        var (images, labels) = FirstPerClass(heldOut, perClass);
        ReferenceFeatures = _classifier.Features(images).to(ScalarType.Float64).MoveToOuterDisposeScope();
        ReferenceLabels = labels.MoveToOuterDisposeScope();
    }

    /// <summary>The first <paramref name="perClass"/> images of each class, class-major.</summary>
    /// <exception cref="ArgumentException">A class has fewer images.</exception>
    public static (Tensor Images, Tensor Labels) FirstPerClass(FashionMnist data, int perClass) => BlockPerClass(data, perClass, 0);

    /// <summary>
    /// Images block * perClass .. (block + 1) * perClass - 1 of each class, class-major: disjoint sets of the same size
    /// for different blocks (block 0 is <see cref="FirstPerClass"/>).
    /// </summary>
    /// <exception cref="ArgumentException">block is negative, or a class has too few images for it.</exception>
    public static (Tensor Images, Tensor Labels) BlockPerClass(FashionMnist data, int perClass, int block)
    {
        Check.AtLeast(block, 0, nameof(block));
        using var scope = NewDisposeScope();
        var counts = data.ClassCounts();
        var end = (block + 1) * perClass;
        if (counts.Min() < end)
            throw new ArgumentException(
                $"block {block} of {perClass} per class needs {end} images of each class; the smallest class of this split has {counts.Min()}", nameof(perClass));
        var index = cat(Enumerable.Range(0, counts.Length)
            .Select(c => data.Labels.eq(c).nonzero().squeeze(1)[TensorIndex.Slice(block * perClass, end)]).ToArray());
        return (data.Images.index_select(0, index).MoveToOuterDisposeScope(), data.Labels.index_select(0, index).MoveToOuterDisposeScope());
    }

    /// <summary>PerClass images of each class from <paramref name="run"/>, and their metrics.</summary>
    /// <exception cref="ArgumentException">A setting of the run out of range.</exception>
    public CellOutcome Evaluate(GuidedRun run, StepCallback? callback = null)
    {
        using var scope = NewDisposeScope();
        var condition = Condition.PerClass(_model.Classes, PerClass);
        var images = run.Sample(_model.Denoiser, condition, callback).clamp(-1, 1);
        var features = _classifier.Features(images).to(ScalarType.Float64);
        var metrics = Measure(features, _classifier.Logits(images), condition.Labels!);
        return new CellOutcome(metrics, features.MoveToOuterDisposeScope(), condition.Labels!.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The metrics of real images in place of generated ones: block <paramref name="block"/> of PerClass images of each
    /// class of <paramref name="data"/> (<see cref="BlockPerClass"/>; use the training split, disjoint from the
    /// reference). Their FID is the floor that finite sets leave even for a perfect model; disjoint blocks are
    /// independent draws of that floor, so several blocks give it a spread as seeds give the samples one.
    /// </summary>
    /// <exception cref="ArgumentException">block is negative, or <paramref name="data"/> has too few images for it.</exception>
    public CellOutcome EvaluateData(FashionMnist data, int block = 0)
    {
        using var scope = NewDisposeScope();
        var (images, labels) = BlockPerClass(data, PerClass, block);
        var features = _classifier.Features(images).to(ScalarType.Float64);
        var metrics = Measure(features, _classifier.Logits(images), labels);
        return new CellOutcome(metrics, features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    Dictionary<string, double> Measure(Tensor features, Tensor logits, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (precision, recall) = PrecisionRecall.Measure(ReferenceFeatures, features);
        var classes = Enumerable.Range(0, _model.Classes).Select(c => features.index_select(0, labels.eq(c).nonzero().squeeze(1))).ToList();
        return new Dictionary<string, double>
        {
            ["fid"] = FrechetDistance.Measure(ReferenceFeatures, features),
            ["precision"] = precision,
            ["recall"] = recall,
            ["mss"] = classes.Average(MeanSimilarityScore.Measure),
            ["vendi"] = classes.Average(VendiScore.Measure),
            ["class_accuracy"] = ClassAccuracy.Measure(logits.argmax(1), labels),
            ["inception_score"] = InceptionScore.FromLogits(logits),
        };
    }

    public void Dispose()
    {
        ReferenceFeatures.Dispose();
        ReferenceLabels.Dispose();
    }
}
