using Cads.Annealing;
using Cads.Denoisers;
using Cads.Schedules;
using Cads.Validation;
using static TorchSharp.torch;

namespace Cads.Guidance;

/// <summary>
/// Classifier-free guidance (Ho and Salimans 2022) around a conditional denoiser, bound to one condition:
/// D = D(x|null) + omega(t) (D(x|y) - D(x|null)), omega = w(t) (uncond-based) or 1 + w(t) (paper's convention),
/// w(t) from <see cref="Schedule"/>. Conditional and unconditional branches run as one batched forward.
/// With <see cref="Cads"/> set, y (and optionally null) is replaced by CADS's noisy condition at every step.
/// w = 1 (uncond-based) is plain conditional sampling and runs the conditional branch alone. With <see cref="Guide"/>
/// set, a second denoiser under the same condition takes the unconditional branch's place (Autoguidance, Karras et al.
/// 2024: D = D_guide(x|y) + omega (D(x|y) - D_guide(x|y)), the guide a weaker model of the same data).
/// </summary>
public sealed class Cfg : IDenoiser
{
    readonly ConditionalDenoiser _denoiser;
    readonly Tensor _y;
    readonly Tensor _null;
    readonly Condition _condition;
    readonly ConditionalDenoiser? _guide;
    readonly Tensor? _guideY;

    /// <summary>The guidance weight w.</summary>
    public double W { get; }
    /// <summary>Which CFG formula w belongs to.</summary>
    public CfgConvention Convention { get; }
    /// <summary>How w varies with t; constant by default.</summary>
    public IGuidanceSchedule Schedule { get; init; } = GuidanceSchedule.Constant;
    /// <summary>CADS's condition transform, or null for plain CFG.</summary>
    public CadsTransform? Cads { get; init; }
    /// <summary>The denoiser that guides under the same condition (Autoguidance), or null: the unconditional branch.</summary>
    public ConditionalDenoiser? Guide
    {
        get => _guide;
        init
        {
            if (value is not null && value.Schedule.GetType() != _denoiser.Schedule.GetType())
                throw new ArgumentException(
                    $"Guide must use the denoiser's noise schedule ({_denoiser.Schedule.GetType().Name}); got {value.Schedule.GetType().Name}", nameof(Guide));
            _guide = value;
            _guideY = value?.Encode(_condition).DetachFromDisposeScope();
        }
    }

    NoiseSchedule IDenoiser.Schedule => _denoiser.Schedule;

    /// <exception cref="ArgumentException">w is not finite, or the condition does not fit the model.</exception>
    public Cfg(ConditionalDenoiser denoiser, Condition condition, double w, CfgConvention convention = CfgConvention.UncondBased)
    {
        W = Check.Finite(w, nameof(w));
        Convention = convention;
        _denoiser = denoiser;
        _condition = condition;
        // Encoded once: the embedding of y and null do not change between steps; only CADS's noise does.
        _y = denoiser.Encode(condition).DetachFromDisposeScope();
        _null = denoiser.Null(condition.Batch).DetachFromDisposeScope();
    }

    /// <summary>w(t) = w_cond + f(t) (w - w_cond), in this guidance's convention.</summary>
    public double WeightAt(double t) => Weight(W, Convention, Schedule, t, _denoiser.Schedule);

    /// <summary>
    /// w(t) = w_cond + f(t) (w - w_cond), w_cond = 1 (uncond-based) or 0 (paper's): the weight a schedule gives at t,
    /// without a model (<paramref name="noise"/> gives sigma where the schedule needs it).
    /// </summary>
    public static double Weight(double w, CfgConvention convention, IGuidanceSchedule schedule, double t, NoiseSchedule noise)
    {
        var conditional = convention == CfgConvention.UncondBased ? 1.0 : 0.0;
        return conditional + schedule.Factor(t, noise) * (w - conditional);
    }

    public Tensor Denoise(Tensor z, double t)
    {
        if (z.shape[0] != _y.shape[0])
            throw new ArgumentException($"z must have the condition's batch size {_y.shape[0]}; got {z.shape[0]}", nameof(z));
        using var scope = NewDisposeScope();
        var omega = Convention == CfgConvention.UncondBased ? WeightAt(t) : 1 + WeightAt(t);
        var y = Cads?.Apply(_y, t) ?? _y;
        if (omega == 1) return _denoiser.Denoise(z, t, y).MoveToOuterDisposeScope();

        if (_guide is not null)
        {
            var guideY = Cads?.Apply(_guideY!, t) ?? _guideY!;
            var guiding = _guide.Denoise(z, t, guideY);
            return (guiding + omega * (_denoiser.Denoise(z, t, y) - guiding)).MoveToOuterDisposeScope();
        }
        var nul = Cads is { Settings.Branches: CadsBranches.Both } ? Cads.Apply(_null, t) : _null;
        var both = _denoiser.Denoise(cat([z, z], 0), t, cat([y, nul], 0));
        var halves = both.chunk(2, 0);
        var (conditional, unconditional) = (halves[0], halves[1]);
        return (unconditional + omega * (conditional - unconditional)).MoveToOuterDisposeScope();
    }
}
