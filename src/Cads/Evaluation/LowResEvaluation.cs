using Cads.Annealing;
using Cads.Data;
using Cads.Denoisers;
using Cads.ImageWorld;
using Cads.Metrics;
using Cads.Runs;
using Cads.Sampling;
using static TorchSharp.torch;

namespace Cads.Evaluation;

/// <summary>
/// The metrics of one sampled cell of the low-resolution world: <see cref="LowResUNet"/> asked for
/// <see cref="PerCondition"/> images of each of <see cref="Conditions"/> 7x7 conditions, the averages of held-out
/// images (the first <see cref="ConditionsPerClass"/> of each class). As the paper measures pose or segmentation
/// agreement, it measures whether the condition is honoured and how diverse the answers to one condition are:
/// condition_error (root mean square difference between a sample's 7x7 average and its condition, in pixel units of
/// [-1, 1]), class_agreement (the classifier names the class of the image the condition came from), vendi (within each
/// condition, in the classifier's features, averaged over conditions), and fid, precision, recall (k = 3) against as
/// many held-out images, the same number of each class.
/// </summary>
public sealed class LowResEvaluation : IDisposable
{
    readonly LowResUNet _model;
    readonly Classifier _classifier;

    /// <summary>Conditions per class, by default: 2 of each class, 20 in all.</summary>
    public const int DefaultConditionsPerClass = 2;

    /// <summary>Samples per condition, by default.</summary>
    public const int DefaultPerCondition = 8;

    /// <summary>
    /// The low-resolution world's baseline: CFG at w = 3 with CADS at the image world's settings (its condition
    /// noised, psi = 1), DDIM with 16 steps, per-sample seeds.
    /// </summary>
    public static GuidedRun Baseline { get; } = new() { W = 3, Cads = new CadsSettings(), Sampler = "ddim", Steps = 16 };

    /// <summary>Conditions per class.</summary>
    public int ConditionsPerClass { get; }

    /// <summary>Samples per condition.</summary>
    public int PerCondition { get; }

    /// <summary>The number of conditions (10 x ConditionsPerClass).</summary>
    public int Conditions => (int)SourceLabels.shape[0];

    /// <summary>The held-out images the conditions come from [Conditions, 1, 28, 28], class-major.</summary>
    public Tensor Sources { get; }

    /// <summary>Their labels [Conditions].</summary>
    public Tensor SourceLabels { get; }

    /// <summary>The conditions, the sources' 7x7 averages [Conditions, 1, 7, 7].</summary>
    public Tensor Targets { get; }

    /// <summary>Reference features [Conditions PerCondition, 128], class-balanced held-out images.</summary>
    public Tensor ReferenceFeatures { get; }

    /// <exception cref="ArgumentException">A setting out of range, or the held-out split is too small for it.</exception>
    public LowResEvaluation(LowResUNet model, Classifier classifier, FashionMnist heldOut,
        int conditionsPerClass = DefaultConditionsPerClass, int perCondition = DefaultPerCondition)
    {
        Validation.Check.AtLeast(conditionsPerClass, 1, nameof(conditionsPerClass));
        Validation.Check.AtLeast(perCondition, 2, nameof(perCondition));
        _model = model;
        _classifier = classifier;
        ConditionsPerClass = conditionsPerClass;
        PerCondition = perCondition;
        using var scope = NewDisposeScope();
        var (sources, labels) = ImageEvaluation.FirstPerClass(heldOut, conditionsPerClass);
        Sources = sources.MoveToOuterDisposeScope();
        SourceLabels = labels.MoveToOuterDisposeScope();
        Targets = LowResUNet.Downsample(Sources).MoveToOuterDisposeScope();
        // As many reference images as samples, a block apart from the sources so no reference image is a source.
        var (reference, _) = ImageEvaluation.BlockPerClass(heldOut, conditionsPerClass * perCondition, 1);
        ReferenceFeatures = _classifier.Features(reference).to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    /// <summary>PerCondition samples of every condition from <paramref name="run"/> (condition-major), and their metrics.</summary>
    /// <exception cref="ArgumentException">A setting of the run out of range.</exception>
    public CellOutcome Evaluate(GuidedRun run, StepCallback? callback = null)
    {
        using var scope = NewDisposeScope();
        var images = Sample(run, callback);
        var features = _classifier.Features(images).to(ScalarType.Float64);
        var labels = Repeat(SourceLabels);
        var metrics = Measure(images, features, labels);
        return new CellOutcome(metrics, features.MoveToOuterDisposeScope(), labels.MoveToOuterDisposeScope());
    }

    /// <summary>PerCondition images [Conditions PerCondition, 1, 28, 28] of every condition, condition-major, clamped to [-1, 1].</summary>
    public Tensor Sample(GuidedRun run, StepCallback? callback = null)
    {
        using var scope = NewDisposeScope();
        return run.Sample(_model.Denoiser, Condition.Of(Repeat(Targets)), callback).clamp(-1, 1).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The root mean square difference between each image's 7x7 average and its condition, averaged over images:
    /// 0 for the sources themselves.
    /// </summary>
    public static double ConditionError(Tensor images, Tensor conditions)
    {
        using var scope = NewDisposeScope();
        var error = (LowResUNet.Downsample(images) - conditions).square().flatten(1).mean([1]).sqrt();
        return error.mean().item<float>();
    }

    /// <summary>
    /// The condition error of real images measured against the conditions of other images (each source against the
    /// next class's source): the value of a sampler that ignores its condition but draws real-looking images.
    /// </summary>
    public double MismatchedConditionError()
    {
        using var scope = NewDisposeScope();
        return ConditionError(Sources, Targets.roll(ConditionsPerClass, 0));
    }

    Tensor Repeat(Tensor perCondition) => perCondition.repeat_interleave(PerCondition, 0);

    Dictionary<string, double> Measure(Tensor images, Tensor features, Tensor labels)
    {
        using var scope = NewDisposeScope();
        var (precision, recall) = PrecisionRecall.Measure(ReferenceFeatures, features);
        var perCondition = features.view(Conditions, PerCondition, -1).unbind(0);
        return new Dictionary<string, double>
        {
            ["condition_error"] = ConditionError(images, Repeat(Targets)),
            ["class_agreement"] = ClassAccuracy.Measure(_classifier.Logits(images).argmax(1), labels),
            ["vendi"] = perCondition.Average(VendiScore.Measure),
            ["fid"] = FrechetDistance.Measure(ReferenceFeatures, features),
            ["precision"] = precision,
            ["recall"] = recall,
        };
    }

    public void Dispose()
    {
        Sources.Dispose();
        SourceLabels.Dispose();
        Targets.Dispose();
        ReferenceFeatures.Dispose();
    }
}
