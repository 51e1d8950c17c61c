using Cads.Runtime;
using Cads.Validation;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.Noise;

/// <summary>
/// Where a sampler or CADS gets its random numbers: one generator for the batch, one generator per sample, or tensors
/// the caller injects. Never torch's global generator: every stream is seeded on its own, so one stream's draws move no
/// other (<see cref="SeedPolicy"/> derives a run's streams). A source is a stream: make a fresh one for each run that must repeat.
/// </summary>
public abstract class NoiseSource
{
    /// <summary>One generator for the whole batch: one kernel per draw.</summary>
    public static NoiseSource Seeded(long seed) => new GeneratorNoise(CadsRuntime.Generator(seed));

    /// <summary>
    /// One generator per sample: sample i depends only on seeds[i], whatever batch it is drawn in
    /// (EDM's per-sample seeds). Costs one kernel per sample and draw.
    /// </summary>
    public static NoiseSource PerSample(IEnumerable<long> seeds) => new PerSampleNoise(seeds.Select(CadsRuntime.Generator).ToArray());

    /// <summary>Hands out the given tensors in order, as they are (already of the wanted distribution).</summary>
    public static NoiseSource Injected(IEnumerable<Tensor> draws) => new InjectedNoise(draws);

    /// <summary>The next draw of the given shape (batch first), dtype and distribution, on <paramref name="device"/>.</summary>
    public abstract Tensor Next(long[] shape, ScalarType dtype, Device device, NoiseKind kind = NoiseKind.Gaussian);

    /// <summary>The next draw shaped like <paramref name="x"/>, on its device.</summary>
    public Tensor Like(Tensor x, NoiseKind kind = NoiseKind.Gaussian) => Next(x.shape, x.dtype, x.device, kind);

    /// <summary>One draw from <paramref name="generator"/>, with mean 0 and std 1.</summary>
    protected static Tensor Draw(Generator generator, long[] shape, ScalarType dtype, NoiseKind kind)
    {
        var device = generator.device;
        switch (kind)
        {
            case NoiseKind.Gaussian:
                return randn(shape, dtype, device, generator: generator);
            case NoiseKind.Uniform:
                // U(0,1) has std 1/sqrt(12); centred and scaled it spans [-sqrt 3, sqrt 3).
                return (rand(shape, dtype, device, generator: generator) - 0.5) * Math.Sqrt(12);
            case NoiseKind.Laplace:
            {
                // The difference of two Exp(1) is Laplace(0, 1) with variance 2; 1 - U lies in (0, 1], so the log stays finite.
                using var scope = NewDisposeScope();
                var e1 = (1 - rand(shape, dtype, device, generator: generator)).log();
                var e2 = (1 - rand(shape, dtype, device, generator: generator)).log();
                return ((e2 - e1) / Math.Sqrt(2)).MoveToOuterDisposeScope();
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown noise kind");
        }
    }

    sealed class GeneratorNoise(Generator generator) : NoiseSource
    {
        public override Tensor Next(long[] shape, ScalarType dtype, Device device, NoiseKind kind = NoiseKind.Gaussian)
        {
            using var scope = NewDisposeScope();
            return Draw(generator, shape, dtype, kind).to(device).MoveToOuterDisposeScope();
        }
    }

    sealed class PerSampleNoise(Generator[] generators) : NoiseSource
    {
        public override Tensor Next(long[] shape, ScalarType dtype, Device device, NoiseKind kind = NoiseKind.Gaussian)
        {
            if (shape.Length == 0 || shape[0] != generators.Length)
                throw new ArgumentException(
                    $"shape must have batch size {generators.Length} (one seed per sample); got [{string.Join(", ", shape)}]", nameof(shape));
            using var scope = NewDisposeScope();
            long[] one = [1, .. shape[1..]];
            var draws = generators.Select(g => Draw(g, one, dtype, kind)).ToArray();
            return cat(draws, 0).to(device).MoveToOuterDisposeScope();
        }
    }

    sealed class InjectedNoise(IEnumerable<Tensor> draws) : NoiseSource
    {
        readonly IEnumerator<Tensor> _draws = draws.GetEnumerator();
        int _taken;

        public override Tensor Next(long[] shape, ScalarType dtype, Device device, NoiseKind kind = NoiseKind.Gaussian)
        {
            if (!_draws.MoveNext())
                throw new InvalidOperationException($"The injected noise ran out after {_taken} draws; supply one tensor per draw.");
            var draw = _draws.Current;
            if (!draw.shape.SequenceEqual(shape))
                throw new ArgumentException(
                    $"injected draw {_taken} must have shape [{string.Join(", ", shape)}]; got [{string.Join(", ", draw.shape)}]", nameof(shape));
            _taken++;
            // A new handle on the caller's storage, so that the step's dispose scope frees the handle, never the caller's tensor.
            return draw.to(dtype, device).alias();
        }
    }
}
