namespace Cads.Noise;

/// <summary>
/// The three noise streams of a batch of samples, derived from (seed, i) alone: sample i's starting noise, the
/// sampler's noise and CADS's noise. Runs that differ only in settings (CFG vs CADS, one sampler or another) start
/// from the same noise, and turning CADS on leaves the sampler's noise untouched.
/// </summary>
public sealed class SampleSeeds(long seed, int count)
{
    readonly long[] _seeds = Enumerable.Range(0, count).Select(i => seed * 1_000_003 + i).ToArray();

    /// <summary>The starting noise z at t = 1.</summary>
    public NoiseSource Initial => NoiseSource.PerSample(_seeds);

    /// <summary>The stochastic samplers' per-step noise.</summary>
    public NoiseSource Sampler => NoiseSource.PerSample(_seeds.Select(s => s ^ 0x7A3E_0001L));

    /// <summary>CADS's noise on the condition.</summary>
    public NoiseSource Cads => NoiseSource.PerSample(_seeds.Select(s => s ^ 0x5EED_CAD5L));
}
