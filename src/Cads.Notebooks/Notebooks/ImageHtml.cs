using System.Net;
using Cads.Images;

namespace Cads.Notebooks;

/// <summary>Image grids as notebook HTML: the PNG inline as a data URI, so the executed copy carries the picture.</summary>
public static class ImageHtml
{
    /// <summary>An inline image (pixelated scaling keeps the pixels sharp), with the caption beneath.</summary>
    public static string ToHtml(ImageGrid grid) =>
        $"<figure style=\"margin:0\"><img alt=\"{WebUtility.HtmlEncode(grid.Caption)}\" width=\"{grid.Width * grid.Scale}\" height=\"{grid.Height * grid.Scale}\" " +
        $"style=\"image-rendering:pixelated\" src=\"data:image/png;base64,{Convert.ToBase64String(grid.ToPng())}\"/>" +
        (grid.Caption.Length > 0 ? $"<figcaption>{WebUtility.HtmlEncode(grid.Caption)}</figcaption>" : "") + "</figure>";

    /// <summary>The panel's grids side by side, wrapping on narrow screens.</summary>
    public static string ToHtml(ImagePanel panel) =>
        "<div style=\"display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start\">" +
        string.Concat(panel.Grids.Select(ToHtml)) + "</div>";
}
