using Cads.Schedules;
using Cads.Validation;
using static TorchSharp.torch;

namespace Cads.Denoisers;

/// <summary>
/// D(z; t, y): a model's output turned into the denoised estimate x0 under a condition tensor y. Guidance and CADS
/// wrap one of these; <see cref="Encode"/> turns a <see cref="Condition"/> into the tensor they work on.
/// </summary>
public sealed class ConditionalDenoiser(IDiffusionModel model, NoiseSchedule schedule)
{
    /// <summary>The network.</summary>
    public IDiffusionModel Model { get; } = model;

    /// <summary>The schedule the model was trained with.</summary>
    public NoiseSchedule Schedule { get; } = schedule;

    /// <summary>The condition as the tensor the model takes: labels through <see cref="IDiffusionModel.Embed"/>, tensors checked against <see cref="IDiffusionModel.ConditionShape"/>.</summary>
    public Tensor Encode(Condition condition)
    {
        if (condition.Labels is { } labels) return Model.Embed(labels);
        var value = condition.Value!;
        if (!value.shape[1..].SequenceEqual(Model.ConditionShape))
            throw new ArgumentException(
                $"condition must have shape [batch, {string.Join(", ", Model.ConditionShape)}] (the model's ConditionShape); " +
                $"got [{string.Join(", ", value.shape)}]", nameof(condition));
        return value.alias();
    }

    /// <summary>The null condition for <paramref name="batch"/> samples.</summary>
    public Tensor Null(long batch) => Model.NullCondition(batch);

    /// <summary>D(z; t, y) = x0 from the model's prediction at (alpha(t), sigma(t)).</summary>
    public Tensor Denoise(Tensor z, double t, Tensor condition)
    {
        Check.Time(t);
        using var scope = NewDisposeScope();
        var output = Model.Forward(z, t, condition);
        return Model.Prediction.ToX0(output, z, Schedule.Alpha(t), Schedule.Sigma(t)).MoveToOuterDisposeScope();
    }
}
