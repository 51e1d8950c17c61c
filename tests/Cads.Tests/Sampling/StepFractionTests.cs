using Cads.Annealing;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using Cads.Denoisers;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

/// <summary>gamma read on the sampler's time t against gamma read on the step fraction of a grid (sd-webui-cads).</summary>
public class StepFractionTests
{
    public StepFractionTests() => CadsRuntime.Init();

    // The steps 0 ... N-1 at which the sampler calls the denoiser, with 0 < gamma < 1 there: inside the ramp.
    static int StepsInRamp(AnnealingSchedule gamma, TimeGrid grid) =>
        Enumerable.Range(0, grid.Steps).Count(i => gamma.Gamma(grid.Times[i]) is > 0 and < 1);

    // Karras et al. (2022) eq. 5 written out here: sigma_i for i < N, sigma_max = 80 (EDM).
    static double[] KarrasSigmas(int steps, double sigmaMax = 80, double sigmaMin = 0.002, double rho = 7) =>
        Enumerable.Range(0, steps).Select(i => Math.Pow(
            Math.Pow(sigmaMax, 1 / rho) + (double)i / (steps - 1) * (Math.Pow(sigmaMin, 1 / rho) - Math.Pow(sigmaMax, 1 / rho)), rho)).ToArray();

    [Fact]
    public void On_a_uniform_grid_the_two_conventions_agree_at_and_between_the_grid_times()
    {
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 40);
        var onTime = new AnnealingSchedule(0.55, 0.85);
        var onSteps = onTime.OnStepFraction(grid);
        for (var i = 0; i <= grid.Steps; i++)
            Assert.Equal(onTime.Gamma(grid.Times[i]), onSteps.Gamma(grid.Times[i]), 12);
        for (var t = 0.0005; t < 1; t += 0.013) // between grid times too
            Assert.Equal(onTime.Gamma(t), onSteps.Gamma(t), 9);
    }

    [Fact]
    public void On_the_edm_karras_grid_the_t_convention_puts_four_steps_in_the_paper_window_and_the_step_fraction_fourteen()
    {
        var schedule = new EdmSchedule(80);
        var grid = TimeGrid.Karras(schedule, 50);
        var paper = new AnnealingSchedule(0.6, 0.9);
        // t = sigma / sigma_max on EDM's schedule: the steps whose sigma lies in (0.6, 0.9) sigma_max = (48, 72).
        var inWindowBySigma = KarrasSigmas(50).Count(sigma => sigma > 48 && sigma < 72);
        Assert.Equal(4, inWindowBySigma); // 71.5, 63.8, 56.8, 50.5: written down from eq. 5 by hand
        Assert.Equal(inWindowBySigma, StepsInRamp(paper, grid));
        // Step fraction u = 1 - i / 50 in (0.6, 0.9), in integers: 60 < 100 - 2 i < 90, i.e. i = 6 ... 19.
        var inWindowBySteps = Enumerable.Range(0, 50).Count(i => 100 - 2 * i is > 60 and < 90);
        Assert.Equal(14, inWindowBySteps);
        Assert.Equal(inWindowBySteps, StepsInRamp(paper.OnStepFraction(grid), grid));
        // gamma = 0 at u >= 0.9 (i <= 5) and 1 at u <= 0.6 (i >= 20)
        Assert.Equal(6, Enumerable.Range(0, 50).Count(i => paper.OnStepFraction(grid).Gamma(grid.Times[i]) == 0));
        Assert.Equal(1, Enumerable.Range(0, 50).Count(i => paper.Gamma(grid.Times[i]) == 0));
    }

    [Fact]
    public void On_the_vp_cosine_karras_grid_the_t_convention_puts_21_steps_above_the_window_and_8_inside()
    {
        var schedule = new VpCosineSchedule();
        var grid = TimeGrid.Karras(schedule, 50);
        var paper = new AnnealingSchedule(0.6, 0.9);
        // The window in sigma~ through the forward map sigma~(t), not its inverse the grid was built with.
        double hi = schedule.EdmSigma(0.9), lo = schedule.EdmSigma(0.6);
        var sigmas = KarrasSigmas(50, schedule.EdmSigmaMax);
        Assert.Equal(21, sigmas.Count(sigma => sigma >= hi));
        Assert.Equal(8, sigmas.Count(sigma => sigma > lo && sigma < hi));
        Assert.Equal(21, Enumerable.Range(0, 50).Count(i => paper.Gamma(grid.Times[i]) == 0));
        Assert.Equal(8, StepsInRamp(paper, grid));
    }

    [Theory]
    [InlineData(50, "0.55", "0.87")]
    [InlineData(30, "0.3", "0.62")]  // u = 9/30 = 0.3 at step 21: on tau1, gamma = 1 there
    [InlineData(18, "0.1", "0.95")]
    [InlineData(50, "0.6", "0.9")]   // both taus on steps: 20 and 5
    public void The_step_fraction_ramp_holds_as_many_steps_as_the_taus_and_the_step_count_say(int steps, string tau1, string tau2)
    {
        // Steps i with tau1 < 1 - i/N < tau2 are the integers strictly inside a = (1 - tau2) N, b = (1 - tau1) N:
        // ceil(b) - floor(a) - 1 of them, in decimal arithmetic so that a boundary on a step stays exact.
        decimal a = (1 - decimal.Parse(tau2)) * steps, b = (1 - decimal.Parse(tau1)) * steps;
        var expected = (int)Math.Ceiling(b) - (int)Math.Floor(a) - 1;
        foreach (var schedule in new NoiseSchedule[] { new EdmSchedule(), new VpCosineSchedule(), new VpLinearSchedule() })
        {
            var grid = TimeGrid.Karras(schedule, steps);
            var gamma = new AnnealingSchedule(double.Parse(tau1), double.Parse(tau2)).OnStepFraction(grid);
            Assert.Equal(expected, StepsInRamp(gamma, grid));
        }
    }

    [Fact]
    public void On_the_step_fraction_gamma_falls_by_the_same_amount_every_step_inside_the_ramp()
    {
        var grid = TimeGrid.Karras(new VpCosineSchedule(), 50);
        var gamma = new AnnealingSchedule(0.6, 0.9).OnStepFraction(grid);
        var inside = Enumerable.Range(0, 50).Where(i => gamma.Gamma(grid.Times[i]) is > 0 and < 1).ToArray();
        for (var k = 1; k < inside.Length; k++)
            Assert.Equal(1 / (50 * 0.3), gamma.Gamma(grid.Times[inside[k]]) - gamma.Gamma(grid.Times[inside[k - 1]]), 10);
    }

    [Fact]
    public void The_step_fraction_clock_is_one_minus_the_step_index_over_n_interpolated_linearly_in_t()
    {
        var grid = TimeGrid.Karras(new VpCosineSchedule(), 12);
        var gamma = new AnnealingSchedule(0.2, 0.7).OnStepFraction(grid);
        Assert.Equal(1, gamma.Clock(1));
        Assert.Equal(0, gamma.Clock(0));
        for (var i = 0; i < 12; i++)
        for (var k = 0; k <= 50; k++)
        {
            // k/50 of the way from t_i to t_{i+1}: the clock is k/50 of the way from 1 - i/12 to 1 - (i+1)/12.
            var t = grid.Times[i] - k / 50.0 * (grid.Times[i] - grid.Times[i + 1]);
            Assert.Equal(1 - (i + k / 50.0) / 12, gamma.Clock(t), 9);
        }
    }

    [Fact]
    public void Cads_on_the_step_fraction_leaves_the_condition_exact_from_the_step_the_taus_say()
    {
        using var scope = NewDisposeScope();
        var model = new ToyModel { KeepConditions = true };
        var denoiser = new ConditionalDenoiser(model, new VpCosineSchedule());
        var grid = TimeGrid.Karras(denoiser.Schedule, 20);
        var cads = (new CadsSettings(0.5, 0.8, NoiseScale: 1) { OnStepFraction = true }).Transform(NoiseSource.Seeded(3), grid);
        var labels = Condition.Classes(0, 1, 2, 3);
        Samplers.Euler(new Cfg(denoiser, labels, w: 1) { Cads = cads }, grid.InitialNoise([4, 2], NoiseSource.Seeded(4)), grid);
        var clean = model.Embed(tensor(new long[] { 0, 1, 2, 3 }, device: CadsRuntime.Device));
        // u = 1 - i/20 <= 0.5 from step 10 on: exact there, noisy before
        for (var i = 0; i < 20; i++)
        {
            if (i >= 10) TensorAssert.Equal(clean, model.ConditionsSeen[i], $"the condition at step {i}");
            else TensorAssert.NotClose(model.ConditionsSeen[i], clean, $"the condition at step {i} vs the clean one", atol: 0, rtol: 0);
        }
    }
}
