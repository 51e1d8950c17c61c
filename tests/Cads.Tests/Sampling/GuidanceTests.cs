using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Runtime;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling;

public class GuidanceTests
{
    readonly ToyModel _model = new();
    readonly ConditionalDenoiser _denoiser;
    readonly Condition _condition = Condition.Classes(0, 1, 2, 3);

    public GuidanceTests() => _denoiser = new ConditionalDenoiser(_model, new VpLinearSchedule());

    Tensor State() => randn([4, 2], ScalarType.Float32, CadsRuntime.Device, generator: CadsRuntime.Generator(21));

    [Fact]
    public void Batched_cfg_equals_two_separate_forwards_in_one_forward()
    {
        using var scope = NewDisposeScope();
        var z = State();
        var guided = new Cfg(_denoiser, _condition, w: 3).Denoise(z, 0.4);
        Assert.Equal(1, _model.Forwards);
        Assert.Equal(8, _model.BatchSizes[0]);

        var conditional = _denoiser.Denoise(z, 0.4, _denoiser.Encode(_condition));
        var unconditional = _denoiser.Denoise(z, 0.4, _denoiser.Null(4));
        TensorAssert.Close(unconditional + 3 * (conditional - unconditional), guided, atol: 1e-6, rtol: 1e-6, "batched CFG vs D_u + 3 (D_c - D_u) from two forwards");
    }

    [Fact]
    public void The_two_conventions_agree_when_paper_w_is_uncond_w_minus_one()
    {
        using var scope = NewDisposeScope();
        var z = State();
        var uncondBased = new Cfg(_denoiser, _condition, 3.5).Denoise(z, 0.4);
        var paper = new Cfg(_denoiser, _condition, 2.5, CfgConvention.Paper).Denoise(z, 0.4);
        TensorAssert.Close(paper, uncondBased, atol: 1e-6, rtol: 1e-6, "uncond-based w = 3.5 vs paper w = 2.5");
    }

    [Fact]
    public void Weight_one_is_the_plain_conditional_from_one_unbatched_forward()
    {
        using var scope = NewDisposeScope();
        var z = State();
        var d = new Cfg(_denoiser, _condition, 1).Denoise(z, 0.4);
        Assert.Equal([4L], _model.BatchSizes);
        TensorAssert.Equal(_denoiser.Denoise(z, 0.4, _denoiser.Encode(_condition)), d, "CFG at w = 1 vs the conditional denoiser");
    }

    [Fact]
    public void Weight_schedules_scale_the_guidance_beyond_the_conditional()
    {
        var gamma = new AnnealingSchedule(0.6, 0.9);
        Assert.Equal(4, new Cfg(_denoiser, _condition, 4).WeightAt(0.3));
        Assert.Equal(1 + 0.5 * 3, new Cfg(_denoiser, _condition, 4) { Schedule = GuidanceSchedule.Dynamic(gamma) }.WeightAt(0.75), 12);
        Assert.Equal(0.5 * 4, new Cfg(_denoiser, _condition, 4, CfgConvention.Paper) { Schedule = GuidanceSchedule.Dynamic(gamma) }.WeightAt(0.75), 12);
        Assert.Equal(1 + 2 * 0.75 * 3, new Cfg(_denoiser, _condition, 4) { Schedule = GuidanceSchedule.Linear }.WeightAt(0.25), 12);
        Assert.Equal(1, new Cfg(_denoiser, _condition, 4) { Schedule = GuidanceSchedule.Cosine }.WeightAt(1), 12);
        Assert.Equal(7, new Cfg(_denoiser, _condition, 4) { Schedule = GuidanceSchedule.Cosine }.WeightAt(0), 12);
    }

    [Fact]
    public void Guidance_interval_guides_only_for_sigma_in_lo_hi()
    {
        var schedule = _denoiser.Schedule;
        var cfg = new Cfg(_denoiser, _condition, 4) { Schedule = GuidanceSchedule.Interval(0.5, 2) };
        Assert.Equal(4, cfg.WeightAt(schedule.TimeOfEdmSigma(1)));
        Assert.Equal(4, cfg.WeightAt(schedule.TimeOfEdmSigma(2)), 12);
        Assert.Equal(1, cfg.WeightAt(schedule.TimeOfEdmSigma(0.4)));
        Assert.Equal(1, cfg.WeightAt(schedule.TimeOfEdmSigma(3)));
    }

    /// <summary>
    /// Dynamic CFG with CADS on per-sample streams reads no random numbers but those it is handed: a run repeats bit for
    /// bit, other seeds give other samples, and CADS's draws do reach the samples (the same seeds without CADS give
    /// others), so the repeat is not that of a transform that does nothing.
    /// </summary>
    [Fact]
    public void The_same_seeds_repeat_a_cads_run_and_cads_moves_it_away_from_cfg()
    {
        using var scope = NewDisposeScope();
        Tensor Run(long seed, bool cads)
        {
            var guided = new Cfg(_denoiser, _condition, 5)
            {
                Schedule = GuidanceSchedule.Dynamic(new AnnealingSchedule(0.2, 0.8)),
                Cads = cads ? new CadsSettings(0.6, 0.9, 0.5).Transform(NoiseSource.PerSample([seed, seed + 1, seed + 2, seed + 3])) : null,
            };
            var grid = TimeGrid.Uniform(_denoiser.Schedule, 10);
            var z = grid.InitialNoise([4, 2], NoiseSource.PerSample([seed, seed + 1, seed + 2, seed + 3]));
            return Samplers.Ddpm(guided, z, grid, new() { Noise = NoiseSource.Seeded(seed + 99) });
        }
        var first = Run(1, cads: true);
        TensorAssert.Equal(first, Run(1, cads: true), "two CADS runs at seed 1");
        TensorAssert.NotClose(first, Run(2, cads: true), "CADS runs at seeds 1 and 2");
        TensorAssert.NotClose(first, Run(1, cads: false), "CADS vs CFG runs at seed 1");
    }

    [Fact]
    public void A_tensor_condition_works_like_an_embedding()
    {
        using var scope = NewDisposeScope();
        var embedding = _model.Embed(tensor(new long[] { 0, 1, 2, 3 }, device: CadsRuntime.Device));
        var z = State();
        var byLabel = new Cfg(_denoiser, _condition, 3).Denoise(z, 0.4);
        var byTensor = new Cfg(_denoiser, Condition.Of(embedding), 3).Denoise(z, 0.4);
        TensorAssert.Equal(byTensor, byLabel, "CFG by label vs by embedding tensor");
    }
}
