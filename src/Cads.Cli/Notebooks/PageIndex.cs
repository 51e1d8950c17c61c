using System.Net;
using System.Text;

namespace Cads.Cli.Notebooks;

/// <summary>
/// The index page: every notebook page in a folder, in reading order (by file name; the glossary after the numbered
/// ones), with its title; then the slide map (the notebooks' README table: slide → notebook / section), when given.
/// </summary>
public static class PageIndex
{
    public sealed record Entry(string PageFile, string Title);

    public static string Render(IEnumerable<Entry> entries, string? slideMapHtml = null)
    {
        var html = new StringBuilder($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>CADS notebooks</title>
            <style>
            body { margin: 0 auto; max-width: 980px; padding: 24px; font: 16px/1.6 system-ui, {{PageFonts.Japanese}}, sans-serif; color: #1d1d1f; }
            li { margin: 6px 0; } .file { color: #888; font: 13px monospace; margin-left: 8px; }
            table { border-collapse: collapse; margin: 8px 0; font-size: 14px; } th, td { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; }
            </style>
            {{(slideMapHtml is null ? "" : KatexAssets.HeadHtml)}}
            </head>
            <body>
            <h1>CADS notebooks</h1>
            <p>Executed notebooks, in reading order.{{(slideMapHtml is null ? "" : " Following the slides: the <a href=\"#slide-map\">slide map</a>.")}}</p>
            <ol>

            """);
        foreach (var e in entries.OrderBy(e => e.PageFile, StringComparer.Ordinal))
        {
            var href = Uri.EscapeDataString(e.PageFile);
            html.Append($"<li><a href=\"{href}\">{WebUtility.HtmlEncode(e.Title)}</a><span class=\"file\">{WebUtility.HtmlEncode(e.PageFile)}</span></li>\n");
        }
        html.Append("</ol>\n");
        if (slideMapHtml is not null)
            html.Append("<h2 id=\"slide-map\">Slide map · スライド対応表</h2>\n<section class=\"markdown\">\n").Append(slideMapHtml)
                .Append("</section>\n").Append(KatexAssets.RenderScript).Append('\n');
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }
}
