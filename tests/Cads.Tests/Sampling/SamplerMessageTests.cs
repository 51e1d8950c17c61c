using Cads.Denoisers;
using Cads.Sampling;
using Cads.Schedules;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

/// <summary>The samplers' refusals read in full: the parameter named and the advice given.</summary>
public class SamplerMessageTests
{
    sealed class Zero(NoiseSchedule schedule) : IDenoiser
    {
        public NoiseSchedule Schedule => schedule;
        public Tensor Denoise(Tensor z, double t) => zeros_like(z);
    }

    sealed class NaNAt(double t, NoiseSchedule schedule) : IDenoiser
    {
        public NoiseSchedule Schedule => schedule;
        public Tensor Denoise(Tensor z, double time) => time == t ? full_like(z, double.NaN) : zeros_like(z);
    }

    [Fact]
    public void Ddim_refuses_a_negative_eta_by_name()
    {
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 4);
        var e = Assert.Throws<ArgumentException>(() => Samplers.Ddim(new Zero(grid.Schedule), zeros(2, 2), grid, new() { Eta = -1 }));
        Assert.Equal("eta", e.ParamName);
        Assert.Equal("eta must be finite and >= 0; got -1 (Parameter 'eta')", e.Message);
    }

    [Fact]
    public void A_diverged_run_ends_its_advice_with_lowering_w_for_plain_guidance()
    {
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 10);
        var e = Assert.Throws<InvalidOperationException>(() => Samplers.Euler(new NaNAt(grid.Times[3], grid.Schedule), zeros(2, 2), grid));
        Assert.StartsWith("Sampling diverged at step 3 (t = ", e.Message);
        Assert.EndsWith("): the state holds NaN or Inf. " +
            "With CADS, raise psi toward 1 (rescaling keeps the noisy condition's scale) or use a smaller noise scale s; " +
            "with plain guidance, lower w.", e.Message);
    }

    [Fact]
    public void A_run_that_diverges_at_its_first_step_is_reported_at_step_0()
    {
        using var scope = NewDisposeScope();
        var grid = TimeGrid.Uniform(new VpLinearSchedule(), 4);
        var e = Assert.Throws<InvalidOperationException>(() => Samplers.Euler(new NaNAt(grid.Times[0], grid.Schedule), zeros(2, 2), grid));
        Assert.StartsWith($"Sampling diverged at step 0 (t = {grid.Times[0]:0.####}): ", e.Message);
    }
}
