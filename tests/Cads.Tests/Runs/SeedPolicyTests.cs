using Cads.Noise;
using Cads.Runtime;
using Cads.Tests.Sampling.Support;
using static TorchSharp.torch;

namespace Cads.Tests.Runs;

public class SeedPolicyTests
{
    static Tensor Draw(NoiseSource source, long batch = 6) => source.Next([batch, 3], ScalarType.Float32, CadsRuntime.Device);

    [Fact]
    public void The_cpu_generator_keeps_only_the_low_32_bits_of_its_seed()
    {
        // Why SeedPolicy packs its generator seeds into 32 bits: seeds that differ above bit 31 share a stream here.
        CadsRuntime.Init();
        if (CadsRuntime.Device.type != TorchSharp.DeviceType.CPU) return;
        var low = Draw(NoiseSource.Seeded(5));
        var high = Draw(NoiseSource.Seeded(5 + (1L << 32)));
        TensorAssert.Equal(low, high, "seeds 5 and 5 + 2^32 (if they differ, mt19937 read bits above 31 of its seed: SeedPolicy's packing remark is wrong)");
    }

    [Theory]
    [InlineData(NoiseStreams.Batched)]
    [InlineData(NoiseStreams.PerSample)]
    public void Each_policy_repeats_with_its_seed_and_keeps_its_three_streams_and_its_seeds_apart(NoiseStreams streams)
    {
        CadsRuntime.Init();
        RunNoise For(long seed) => new SeedPolicy(seed, streams).For(6);
        var (a, again) = (For(11), For(11));
        TensorAssert.Equal(Draw(a.Initial), Draw(again.Initial), "seed 11's starting noise, twice");
        TensorAssert.Equal(Draw(a.Sampler), Draw(again.Sampler), "seed 11's sampler noise, twice");
        TensorAssert.Equal(Draw(a.Cads), Draw(again.Cads), "seed 11's CADS noise, twice");
        // Seed 11's sampler and CADS noise is not seed 12's starting noise (the old seed, seed + 1, seed + 2 scheme).
        var next = For(12);
        var draws = new[] { Draw(For(11).Initial), Draw(For(11).Sampler), Draw(For(11).Cads), Draw(next.Initial), Draw(next.Sampler), Draw(next.Cads) };
        for (var i = 0; i < draws.Length; i++)
        for (var j = i + 1; j < draws.Length; j++)
            TensorAssert.NotClose(draws[i], draws[j], $"draws {i} and {j}");
    }

    [Fact]
    public void Generator_seeds_are_distinct_in_their_low_32_bits_across_seeds_streams_and_samples()
    {
        // Every (seed, stream, sample) gets its own 32-bit generator seed, the batched streams apart from all samples.
        var seen = new HashSet<uint>();
        long[] seeds = [0, 1, 2, 3, 1000, SeedPolicy.MaxSeed - 1, SeedPolicy.MaxSeed];
        long[] samples = [0, 1, 2, 255, 256, SeedPolicy.MaxSamples - 1, SeedPolicy.MaxSamples];
        foreach (var seed in seeds)
        foreach (var stream in new[] { 0, 1, 2 })
        foreach (var sample in samples)
        {
            var key = new SeedPolicy(seed).GeneratorSeed(stream, sample);
            Assert.True(seen.Add((uint)key), $"seed {seed}, stream {stream}, sample {sample} repeats a generator seed");
            Assert.InRange(key, 0, uint.MaxValue);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(SeedPolicy.MaxSeed + 1)]
    public void A_seed_out_of_range_is_refused_naming_the_range(long seed)
    {
        var e = Assert.Throws<ArgumentException>(() => new SeedPolicy(seed).For(4));
        Assert.Contains($"seed must be in [0, {SeedPolicy.MaxSeed}]", e.Message);
    }

    [Fact]
    public void Per_sample_streams_refuse_more_samples_than_their_sample_field_holds()
    {
        var e = Assert.Throws<ArgumentException>(() => new SeedPolicy(0).For(SeedPolicy.MaxSamples + 1));
        Assert.Contains("samples", e.Message);
        // Batched streams have no per-sample field: the run is accepted, and its starting noise is seed 0's batched
        // generator, whose 32 bits (remarks of SeedPolicy) hold stream 0 and the all-ones sample field: 0xFFFF << 2.
        var batched = new SeedPolicy(0, NoiseStreams.Batched).For(SeedPolicy.MaxSamples + 1);
        TensorAssert.Equal(Draw(NoiseSource.Seeded(0xFFFF << 2)), Draw(batched.Initial), "batched starting noise vs generator seed 0xFFFF << 2");
    }
}
