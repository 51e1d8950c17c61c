namespace Cads.Images;

/// <summary>Grids shown side by side with their captions (CFG beside CADS, same seeds); notebooks display it inline.</summary>
public sealed record ImagePanel(IReadOnlyList<ImageGrid> Grids)
{
    public override string ToString() => string.Join("; ", Grids.Select(g => g.ToString()));

    public string ToHtml() =>
        "<div style=\"display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start\">" +
        string.Concat(Grids.Select(g => g.ToHtml())) + "</div>";
}
