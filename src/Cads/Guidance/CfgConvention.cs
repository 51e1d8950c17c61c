namespace Cads.Guidance;

/// <summary>The two ways of writing classifier-free guidance with weight w. Say which one every plot uses.</summary>
public enum CfgConvention
{
    /// <summary>D = D(x|null) + w (D(x|y) - D(x|null)): w = 1 is the plain conditional, w = 0 the unconditional. The default.</summary>
    UncondBased,
    /// <summary>The CADS paper's: D = D(x|y) + w (D(x|y) - D(x|null)): w = 0 is the plain conditional. Its w is the other's w - 1.</summary>
    Paper,
}
