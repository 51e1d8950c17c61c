using Cads.Noise;
using Cads.Schedules;
using Cads.Validation;

namespace Cads.Annealing;

/// <summary>
/// Every knob of CADS as plain data: the annealing window (tau1, tau2, degree d, and the clock it is read on), the
/// noise scale s and its distribution, the rescale (psi and its statistics) and which CFG branches are noised.
/// An ablation is <c>baseline with { NoiseScale = 0.1 }</c>. The defaults, tau1 = 0.6, tau2 = 0.9, s = 0.25, psi = 1,
/// are sd-webui-cads's (github.com/v0xie/sd-webui-cads, scripts/cads.py: its sliders, with rescale on and mixing
/// factor 1); ComfyUI-CADS has the same tau1, tau2 and s with psi = 0. Whether they are the paper's class-conditional
/// setting is not verified against the paper here.
/// </summary>
/// <param name="Tau1">Below tau1 the condition is exact (gamma = 1); in [0, tau2].</param>
/// <param name="Tau2">Above tau2 the condition is noise alone (gamma = 0); in [0, 1].</param>
/// <param name="NoiseScale">The noise scale s, &gt;= 0.</param>
/// <param name="Psi">The rescale's mixing factor psi in [0, 1]: 1 rescales fully, 0 not at all.</param>
public sealed record CadsSettings(double Tau1 = 0.6, double Tau2 = 0.9, double NoiseScale = 0.25, double Psi = 1)
{
    /// <summary>The degree d of gamma's ramp: 1 linear (the paper's), other values its polynomial ablation.</summary>
    public double Degree { get; init; } = 1;
    /// <summary>The distribution of n; every kind has unit std.</summary>
    public NoiseKind NoiseKind { get; init; } = NoiseKind.Gaussian;
    /// <summary>Over which elements the rescale takes mean and std.</summary>
    public RescaleStatistics Statistics { get; init; } = RescaleStatistics.PerSample;
    /// <summary>Whether the null condition is noised too (both public implementations do).</summary>
    public CadsBranches Branches { get; init; } = CadsBranches.Both;
    /// <summary>
    /// false: gamma is read on the sampler's time t; true: on the step fraction of the run's grid, as sd-webui-cads
    /// reads it (<see cref="AnnealingSchedule.OnStepFraction"/>).
    /// </summary>
    public bool OnStepFraction { get; init; }

    /// <summary>gamma on the sampler's time t (the step-fraction clock needs the grid: <see cref="Transform"/>).</summary>
    /// <exception cref="ArgumentException">tau1, tau2 or d out of range.</exception>
    public AnnealingSchedule Gamma => new(Tau1, Tau2, Degree);

    /// <exception cref="ArgumentException">A knob out of range; the message names it and its range.</exception>
    public void Validate()
    {
        _ = Gamma;
        Check.NonNegative(NoiseScale, "noiseScale s");
        Check.InRange(Psi, 0, 1, "psi");
    }

    /// <summary>The transform these settings describe for a run on <paramref name="grid"/>, drawing n from <paramref name="noise"/>.</summary>
    /// <exception cref="ArgumentException">A knob out of range, or <see cref="OnStepFraction"/> without a grid.</exception>
    public CadsTransform Transform(NoiseSource noise, TimeGrid? grid = null) => new(this, noise, grid);

    public override string ToString()
    {
        var text = $"CADS tau1 = {Check.Format(Tau1)}, tau2 = {Check.Format(Tau2)}, s = {Check.Format(NoiseScale)}, psi = {Check.Format(Psi)}";
        if (Degree != 1) text += $", degree {Check.Format(Degree)}";
        if (NoiseKind != NoiseKind.Gaussian) text += $", {NoiseKind.ToString().ToLowerInvariant()} noise";
        if (Statistics != RescaleStatistics.PerSample) text += ", per-batch statistics";
        if (Branches != CadsBranches.Both) text += ", conditional branch only";
        if (OnStepFraction) text += ", on the step fraction";
        return text;
    }
}
