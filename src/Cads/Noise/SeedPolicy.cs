using Cads.Validation;

namespace Cads.Noise;

/// <summary>How a run's random numbers are split over its samples.</summary>
public enum NoiseStreams
{
    /// <summary>
    /// One generator per sample and stream (EDM's per-sample seeds): sample i depends only on (seed, i), whatever the
    /// batch it is drawn in. Each draw costs one kernel per sample.
    /// </summary>
    PerSample,
    /// <summary>
    /// One generator per stream for the whole batch: one kernel per draw, for many small samples (2-D points), where
    /// per-sample draws cost more than the network. Sample i then depends on the batch size.
    /// </summary>
    Batched,
}

/// <summary>
/// The seed of a run and how its noise is split. A run draws three streams: the starting noise z at t = 1, the
/// sampler's per-step noise and CADS's noise on the condition. Every (seed, stream, sample) has a generator of its
/// own, so no two of them ever share random numbers: seed s's sampler noise is not seed s + 1's starting noise, and
/// turning CADS on (which draws from its own stream) changes no other stream.
/// </summary>
/// <remarks>
/// The generator seeds are distinct in their low 32 bits, not only as 64-bit numbers: torch's CPU generator
/// (mt19937) keeps only the low 32 bits of its seed, so seeds that differ above bit 31 would share a stream. The
/// 32 bits hold the stream (2 bits), the sample (16 bits, all ones for a batched stream) and the seed (14 bits).
/// </remarks>
/// <param name="Seed">In [0, <see cref="MaxSeed"/>].</param>
/// <param name="Streams">Per sample (the default) or batched.</param>
public sealed record SeedPolicy(long Seed = 0, NoiseStreams Streams = NoiseStreams.PerSample)
{
    /// <summary>The largest seed: 14 bits.</summary>
    public const long MaxSeed = (1 << 14) - 1;

    /// <summary>The most samples a per-sample run holds: 16 bits, one value kept for the batched streams.</summary>
    public const int MaxSamples = (1 << 16) - 1;

    const int StreamBits = 2, SampleBits = 16;
    const long Batch = MaxSamples;

    /// <exception cref="ArgumentException">The seed is out of range.</exception>
    public void Validate() => Check.InRange(Seed, 0, MaxSeed, "seed");

    /// <summary>The three streams of a run of <paramref name="samples"/> samples.</summary>
    /// <exception cref="ArgumentException">The seed or the sample count is out of range.</exception>
    public RunNoise For(long samples)
    {
        Validate();
        if (Streams == NoiseStreams.PerSample) Check.InRange(samples, 1, MaxSamples, "samples (per-sample seeds)");
        return new RunNoise(Stream(0, samples), Stream(1, samples), Stream(2, samples));
    }

    /// <summary>The generator seed of (stream, sample): distinct for every distinct triple (seed, stream, sample).</summary>
    public long GeneratorSeed(int stream, long sample) => (Seed << (StreamBits + SampleBits)) | (sample << StreamBits) | (long)stream;

    NoiseSource Stream(int stream, long samples) => Streams == NoiseStreams.Batched
        ? NoiseSource.Seeded(GeneratorSeed(stream, Batch))
        : NoiseSource.PerSample(Enumerable.Range(0, (int)samples).Select(i => GeneratorSeed(stream, i)));

    public override string ToString() => $"seed {Seed}, {(Streams == NoiseStreams.PerSample ? "per-sample" : "batched")} streams";
}

/// <summary>A run's three noise streams.</summary>
/// <param name="Initial">The starting noise z at t = 1.</param>
/// <param name="Sampler">The stochastic samplers' per-step noise.</param>
/// <param name="Cads">CADS's noise on the condition.</param>
public sealed record RunNoise(NoiseSource Initial, NoiseSource Sampler, NoiseSource Cads);
