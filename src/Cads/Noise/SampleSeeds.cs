namespace Cads.Noise;

/// <summary>
/// The three noise streams of a batch of samples, derived from one seed: the starting noise, the sampler's noise and
/// CADS's noise. Runs that differ only in settings (CFG vs CADS, one sampler or another) start from the same noise,
/// and turning CADS on leaves the sampler's noise untouched.
/// </summary>
public sealed class SampleSeeds
{
    const long SamplerSalt = 0x7A3E_0001L, CadsSalt = 0x5EED_CAD5L;

    readonly Func<long, NoiseSource> _stream;

    SampleSeeds(Func<long, NoiseSource> stream) => _stream = stream;

    /// <summary>
    /// One generator per sample and stream (EDM's per-sample seeds): sample i depends only on (seed, i), whatever batch
    /// it is drawn in. Each draw costs one kernel per sample, a few microseconds each on a CPU.
    /// </summary>
    public SampleSeeds(long seed, int count) : this(PerSample(seed, count)) { }

    /// <summary>
    /// One generator per stream for the whole batch: each draw is one kernel, for batches of many small samples (the
    /// 2-D world, where per-sample draws cost more than the network). Sample i then depends on the whole batch.
    /// </summary>
    public static SampleSeeds Batched(long seed) => new(salt => NoiseSource.Seeded(seed * 1_000_003 ^ salt));

    /// <summary>The starting noise z at t = 1.</summary>
    public NoiseSource Initial => _stream(0);

    /// <summary>The stochastic samplers' per-step noise.</summary>
    public NoiseSource Sampler => _stream(SamplerSalt);

    /// <summary>CADS's noise on the condition.</summary>
    public NoiseSource Cads => _stream(CadsSalt);

    static Func<long, NoiseSource> PerSample(long seed, int count)
    {
        var seeds = Enumerable.Range(0, count).Select(i => seed * 1_000_003 + i).ToArray();
        return salt => NoiseSource.PerSample(seeds.Select(s => s ^ salt));
    }
}
