using Cads.Annealing;
using Cads.Denoisers;
using Cads.Guidance;
using Cads.Noise;
using Cads.Sampling;
using Cads.Schedules;
using Cads.Validation;

namespace Cads.Runs;

/// <summary>
/// One guided sampling run as an immutable value: the guidance weight and its convention and schedule, CADS's
/// settings, the sampler and its steps, the seed policy and which denoiser guides. Every experiment of the collection
/// is one of these; an ablation is <c>baseline with { Cads = baseline.Cads with { NoiseScale = 0.1 } }</c>.
/// <see cref="GuidedSampling.Sample"/> runs it for any denoiser and condition, in either world.
/// </summary>
public sealed record GuidedRun
{
    /// <summary>The guidance weight w; 1 (uncond-based) is the plain conditional.</summary>
    public double W { get; init; } = 1;
    /// <summary>Which CFG formula w belongs to.</summary>
    public CfgConvention Convention { get; init; } = CfgConvention.UncondBased;
    /// <summary>How w varies with t (constant, Dynamic CFG, linear, cosine, interval).</summary>
    public IGuidanceSchedule WeightSchedule { get; init; } = GuidanceSchedule.Constant;
    /// <summary>CADS's settings, or null: plain guidance.</summary>
    public CadsSettings? Cads { get; init; }
    /// <summary>The sampler's name, one of <see cref="SamplerCatalog.Names"/>.</summary>
    public string Sampler { get; init; } = "ddim";
    /// <summary>The number of sampler steps N.</summary>
    public int Steps { get; init; } = 50;
    /// <summary>The grid's spacing; null: the sampler's usual grid (<see cref="SamplerEntry.UsualGrid"/>).</summary>
    public GridSpacing? Grid { get; init; }
    /// <summary>DDIM's eta: 0 deterministic, 1 as much noise as DDPM. Other samplers ignore it.</summary>
    public double Eta { get; init; }
    /// <summary>The seed and how its noise is split over the samples.</summary>
    public SeedPolicy Seeds { get; init; } = new();
    /// <summary>
    /// The denoiser that guides: null, the unconditional branch of the sampled model (CFG); or a weaker denoiser of
    /// the same data under the same condition (Autoguidance).
    /// </summary>
    public ConditionalDenoiser? Guide { get; init; }

    /// <summary>This run with another seed (the same policy).</summary>
    public GuidedRun WithSeed(long seed) => this with { Seeds = Seeds with { Seed = seed } };

    /// <exception cref="ArgumentException">A setting out of range; the message names it and its range.</exception>
    public void Validate()
    {
        Check.Finite(W, "w");
        Check.AtLeast(Steps, 1, "steps");
        Check.NonNegative(Eta, "eta");
        // A sampler that ignores eta would drop it without a word.
        if (Eta != 0 && !SamplerCatalog.Get(Sampler).TakesEta)
            throw new ArgumentException($"eta is read by {string.Join(", ", SamplerCatalog.All.Where(s => s.TakesEta).Select(s => s.Name))} only; sampler {Sampler} ignores it (got eta = {Check.Format(Eta)})", "eta");
        Cads?.Validate();
        Seeds.Validate();
    }

    /// <summary>The sampler's grid on <paramref name="schedule"/>.</summary>
    public TimeGrid TimeGrid(NoiseSchedule schedule) => Schedules.TimeGrid.Of(Grid ?? SamplerCatalog.Get(Sampler).UsualGrid, schedule, Steps);

    /// <summary>w(t) = w_cond + f(t) (w - w_cond), the weight this run guides with at t.</summary>
    public double WeightAt(double t, NoiseSchedule schedule) => Cfg.Weight(W, Convention, WeightSchedule, t, schedule);

    public override string ToString()
    {
        var convention = Convention == CfgConvention.UncondBased ? "uncond-based" : "paper's convention";
        var guide = Guide is null ? "" : ", guided by a second denoiser (Autoguidance)";
        var schedule = ReferenceEquals(WeightSchedule, GuidanceSchedule.Constant) ? "" : $", {WeightSchedule}";
        var grid = Grid is { } g ? $" on a {g.ToString().ToLowerInvariant()} grid" : "";
        var eta = Eta != 0 ? $", eta {Check.Format(Eta)}" : "";
        return $"w = {Check.Format(W)} ({convention}{schedule}){guide}; {(Cads is null ? "no CADS" : Cads.ToString())}; " +
               $"{Sampler} x {Steps}{grid}{eta}; {Seeds}";
    }
}
