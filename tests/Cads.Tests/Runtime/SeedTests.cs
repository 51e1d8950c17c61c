using Cads.Runtime;
using TorchSharp;

namespace Cads.Tests.Runtime;

public class SeedTests
{
    static (float[] Torch, int Host) Draw(long seed)
    {
        CadsRuntime.Seed(seed);
        using var x = torch.randn(64, device: CadsRuntime.Device);
        return (x.cpu().data<float>().ToArray(), CadsRuntime.Random.Next());
    }

    [Fact]
    public void The_same_seed_gives_the_same_tensors_and_host_draws()
    {
        var a = Draw(1234);
        var b = Draw(1234);
        Assert.Equal(a.Torch, b.Torch);
        Assert.Equal(a.Host, b.Host);
    }

    [Fact]
    public void Different_seeds_give_different_tensors()
    {
        Assert.NotEqual(Draw(1).Torch, Draw(2).Torch);
    }

    [Fact]
    public void A_seeded_generator_is_reproducible_and_independent_of_the_global_seed()
    {
        float[] FromGenerator(long seed, long globalSeed)
        {
            CadsRuntime.Seed(globalSeed);
            using var g = CadsRuntime.Generator(seed);
            using var x = torch.randn(new long[] { 32 }, generator: g, device: CadsRuntime.Device);
            return x.cpu().data<float>().ToArray();
        }
        Assert.Equal(FromGenerator(7, globalSeed: 1), FromGenerator(7, globalSeed: 2));
        Assert.NotEqual(FromGenerator(7, globalSeed: 1), FromGenerator(8, globalSeed: 1));
    }
}
