namespace Cads.Images;

/// <summary>Grids shown side by side with their captions (CFG beside CADS, same seeds); notebooks display it inline.</summary>
public sealed record ImagePanel(IReadOnlyList<ImageGrid> Grids)
{
    public override string ToString() => string.Join("; ", Grids.Select(g => g.ToString()));
}
