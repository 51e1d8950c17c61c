using Cads.Schedules;

namespace Cads.Sampling;

/// <summary>The samplers by the names the CLI and the notebooks use, each with the grid it is usually run on.</summary>
public static class SamplerCatalog
{
    /// <summary>ddpm, ddim, euler, heun, dpmpp2m.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ddpm", "ddim", "euler", "heun", "dpmpp2m"];

    /// <summary>The sampler called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static Sampler ByName(string name) => name.ToLowerInvariant() switch
    {
        "ddpm" => Samplers.Ddpm,
        "ddim" => Samplers.Ddim,
        "euler" => Samplers.Euler,
        "heun" => Samplers.Heun,
        "dpmpp2m" => Samplers.DpmSolverPlusPlus2M,
        _ => throw new ArgumentException($"sampler must be one of {string.Join(", ", Names)}; got '{name}'.", nameof(name)),
    };

    /// <summary>
    /// Uniform in t for DDPM and DDIM (as they were introduced), the Karras sigma grid for the ODE solvers
    /// (Euler, Heun, DPM-Solver++), which spends its steps where the solution curves most.
    /// </summary>
    public static TimeGrid Grid(string name, NoiseSchedule schedule, int steps) => name.ToLowerInvariant() switch
    {
        "ddpm" or "ddim" => TimeGrid.Uniform(schedule, steps),
        _ => TimeGrid.Karras(schedule, steps),
    };
}
