using Cads.Noise;

namespace Cads.Annealing;

/// <summary>
/// CADS's four numbers as one value, for settings records, the CLI and sweeps. The defaults, tau1 = 0.6, tau2 = 0.9,
/// s = 0.25, psi = 1, are sd-webui-cads's (github.com/v0xie/sd-webui-cads, scripts/cads.py: its sliders, with rescale
/// on and mixing factor 1); ComfyUI-CADS has the same tau1, tau2 and s with psi = 0. Whether they are the paper's
/// class-conditional setting is not verified against the paper here. tau1 and tau2 are read on the sampler's time t,
/// which sd-webui-cads does not do (see <see cref="AnnealingSchedule"/>).
/// </summary>
public sealed record CadsOptions(double Tau1 = 0.6, double Tau2 = 0.9, double NoiseScale = 0.25, double Psi = 1)
{
    /// <summary>The transform these options describe, drawing its noise from <paramref name="noise"/>.</summary>
    /// <exception cref="ArgumentException">A value out of range; the message names it.</exception>
    public CadsTransform Transform(NoiseSource noise) =>
        new(new AnnealingSchedule(Tau1, Tau2), NoiseScale, Psi) { Noise = noise };

    public override string ToString() => $"CADS tau1 = {Tau1}, tau2 = {Tau2}, s = {NoiseScale}, psi = {Psi}";
}
