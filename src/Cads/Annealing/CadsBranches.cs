namespace Cads.Annealing;

/// <summary>Which branches of classifier-free guidance see the noisy condition.</summary>
public enum CadsBranches
{
    /// <summary>The conditional branch only; the null condition stays clean (the paper).</summary>
    Conditional,
    /// <summary>Both: the null condition's embedding is noised too, with its own fresh noise.</summary>
    Both,
}
