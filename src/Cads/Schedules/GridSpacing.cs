namespace Cads.Schedules;

/// <summary>How a <see cref="TimeGrid"/> spaces its times.</summary>
public enum GridSpacing
{
    /// <summary>Uniform in t: <see cref="TimeGrid.Uniform"/>.</summary>
    Uniform,
    /// <summary>Karras et al.'s grid, uniform in sigma~^(1/rho): <see cref="TimeGrid.Karras"/>.</summary>
    Karras,
}
