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

/// <summary>Tensor.TotalCount is process-wide, so nothing may run beside these tests.</summary>
[CollectionDefinition(nameof(MemoryTests), DisableParallelization = true)]
public class MemoryCollection;

[Collection(nameof(MemoryTests))]
public class MemoryTests
{
    [Theory]
    [InlineData("ddpm")]
    [InlineData("heun")]
    [InlineData("dpm++2m")]
    public void A_long_cfg_plus_cads_run_keeps_the_number_of_live_tensors_flat(string name)
    {
        CadsRuntime.Init();
        var model = new ToyModel { KeepConditions = false };
        var denoiser = new ConditionalDenoiser(model, new VpLinearSchedule());
        var guided = new Cfg(denoiser, Condition.Classes(0, 1, 2, 3), 4)
        {
            Cads = new CadsSettings(0.3, 0.7, 0.5).Transform(NoiseSource.Seeded(1)),
        };
        var grid = TimeGrid.Uniform(denoiser.Schedule, 300);
        var z = grid.InitialNoise([4, 2], NoiseSource.Seeded(2));
        Sampler sampler = name switch
        {
            "ddpm" => Samplers.Ddpm,
            "heun" => Samplers.Heun,
            _ => Samplers.DpmSolverPlusPlus2M,
        };
        var live = new List<long>();
        // Finalizers of other tests' tensors lower the count whenever they run: run them all first.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Tensor.TotalCount;
        var x = sampler(guided, z, grid, new() { Noise = NoiseSource.Seeded(3), Callback = (_, _, _, _) => live.Add(Tensor.TotalCount) });
        x.Dispose();
        // From the third step on (the multistep solver holds one more tensor after its first) the count must not move.
        Assert.Equal(live[2], live.Skip(2).Max());
        Assert.Equal(live[2], live.Skip(2).Min());
        Assert.Equal(before, Tensor.TotalCount);
    }
}
