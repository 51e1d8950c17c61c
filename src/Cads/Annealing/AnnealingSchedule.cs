using Cads.Schedules;
using Cads.Validation;

namespace Cads.Annealing;

/// <summary>
/// CADS's annealing schedule gamma, how much of the condition survives (Sadat et al. 2024):
/// gamma(u) = 1 for u &lt;= tau1; ((tau2 - u) / (tau2 - tau1))^d for tau1 &lt; u &lt; tau2; 0 for u &gt;= tau2.
/// d = 1 is the paper's linear schedule; other degrees are its polynomial ablation (d &gt; 1 lets the condition in later).
/// </summary>
/// <remarks>
/// <para>
/// The clock u. By default u is the sampler's time t itself (t = 1 noise, t = 0 data), so tau1 and tau2 mean
/// different noise levels on different schedules: on <see cref="EdmSchedule"/> t = sigma / sigma_max, and on a
/// variance-preserving schedule t is the diffusion time. A grid decides how many steps fall between them: on the
/// Karras grid of 50 steps with EDM's sigma_max = 80, t lies in (0.6, 0.9) at 4 steps (t_1 ... t_4 = 0.89, 0.80,
/// 0.71, 0.63) and only t_0 = 1 is above 0.9, so only 5 of the 50 steps see any CADS noise. On the VP cosine schedule
/// of this project's models (<see cref="VpCosineSchedule"/>) the same grid crowds its first steps near t = 1 instead:
/// 21 of them at t &gt;= 0.9 (gamma = 0) and 8 in (0.6, 0.9).
/// </para>
/// <para>
/// The public implementations read gamma on other clocks. sd-webui-cads (github.com/v0xie/sd-webui-cads,
/// scripts/cads.py, on_cfg_denoiser_callback) uses the step fraction, u = 1 - step / steps, whatever the sampler's
/// schedule. ComfyUI-CADS (github.com/asagi4/ComfyUI-CADS, __init__.py, cads_gamma) uses the model's own training
/// timestep / 999, rounded to two decimals, unless its start_step and total_steps are set, when it uses a step
/// fraction too. <see cref="OnStepFraction"/> gives sd-webui-cads's convention on any grid. Which clock the paper
/// means is not verified against the paper here.
/// </para>
/// </remarks>
public sealed record AnnealingSchedule
{
    /// <summary>Below tau1 the condition is exact.</summary>
    public double Tau1 { get; }
    /// <summary>Above tau2 the condition is replaced by noise (gamma = 0).</summary>
    public double Tau2 { get; }
    /// <summary>The degree d of the ramp between tau1 and tau2.</summary>
    public double Degree { get; }
    /// <summary>The grid whose step fraction is the clock (<see cref="OnStepFraction"/>), or null: the clock is t.</summary>
    public TimeGrid? StepGrid { get; private init; }

    /// <exception cref="ArgumentException">Unless 0 &lt;= tau1 &lt;= tau2 &lt;= 1 and d &gt; 0.</exception>
    public AnnealingSchedule(double tau1, double tau2, double degree = 1)
    {
        Tau2 = Check.InRange(tau2, 0, 1, nameof(tau2));
        Tau1 = Check.InRange(tau1, 0, tau2, nameof(tau1), $"[0, tau2] = [0, {Check.Format(tau2)}]");
        Degree = Check.Positive(degree, nameof(degree));
    }

    /// <summary>
    /// This schedule read on the step fraction of <paramref name="grid"/>, as sd-webui-cads reads it: at the grid's
    /// time t_i (step i of N) the clock is u = 1 - i / N, so gamma is linear in the step index whatever the schedule.
    /// Between grid times the clock is interpolated linearly in t. On a uniform grid (t_i = 1 - i / N) this is the
    /// t convention itself. The grid must be the one the sampler runs on.
    /// </summary>
    public AnnealingSchedule OnStepFraction(TimeGrid grid) => this with { StepGrid = grid };

    /// <summary>The clock u at which gamma is read at time t: t itself, or the step fraction on <see cref="StepGrid"/>.</summary>
    public double Clock(double t)
    {
        Check.Time(t);
        if (StepGrid is null) return t;
        var times = StepGrid.Times;
        var steps = StepGrid.Steps;
        // The last i with t_i >= t (times fall from t_0 = 1 to t_N = 0); then t lies in (t_{i+1}, t_i].
        int lo = 0, hi = steps;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (times[mid] >= t) lo = mid; else hi = mid;
        }
        var fraction = (times[lo] - t) / (times[lo] - times[lo + 1]);
        // (N - i) / N rather than 1 - i / N: exact at a grid time, so a tau such as 0.3 = 9 / 30 meets its step exactly.
        return (steps - lo - fraction) / steps;
    }

    /// <summary>gamma at the sampler's time t.</summary>
    public double Gamma(double t)
    {
        var u = Clock(t);
        if (u <= Tau1) return 1;
        if (u >= Tau2) return 0;
        return Math.Pow((Tau2 - u) / (Tau2 - Tau1), Degree);
    }
}
