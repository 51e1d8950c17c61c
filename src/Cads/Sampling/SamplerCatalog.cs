using Cads.Schedules;

namespace Cads.Sampling;

/// <summary>A sampler by the name the command line and the notebooks use, with the grid it is usually run on.</summary>
/// <param name="Name">ddpm, ddim, euler, heun or dpmpp2m.</param>
/// <param name="Sample">The sampler itself.</param>
/// <param name="UsualGrid">Uniform in t for DDPM and DDIM (as they were introduced), Karras for the ODE solvers, which
/// spends its steps where the solution curves most.</param>
/// <param name="Stochastic">Whether it draws fresh noise at every step (DDIM only with eta &gt; 0).</param>
/// <param name="TakesEta">Whether it reads <see cref="SamplerOptions.Eta"/> (DDIM); the others ignore it.</param>
public sealed record SamplerEntry(string Name, Sampler Sample, GridSpacing UsualGrid, bool Stochastic, bool TakesEta = false);

/// <summary>The samplers, by name: the one table every caller looks a sampler up in.</summary>
public static class SamplerCatalog
{
    /// <summary>ddpm, ddim, euler, heun, dpmpp2m, in that order.</summary>
    public static IReadOnlyList<SamplerEntry> All { get; } =
    [
        new("ddpm", Samplers.Ddpm, GridSpacing.Uniform, Stochastic: true),
        new("ddim", Samplers.Ddim, GridSpacing.Uniform, Stochastic: false, TakesEta: true),
        new("euler", Samplers.Euler, GridSpacing.Karras, Stochastic: false),
        new("heun", Samplers.Heun, GridSpacing.Karras, Stochastic: false),
        new("dpmpp2m", Samplers.DpmSolverPlusPlus2M, GridSpacing.Karras, Stochastic: false),
    ];

    /// <summary>The names of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(s => s.Name).ToArray();

    /// <summary>The sampler called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static SamplerEntry Get(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"sampler must be one of {string.Join(", ", Names)}; got '{name}'", nameof(name));
}
