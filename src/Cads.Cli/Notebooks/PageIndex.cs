using System.Net;
using System.Text;

namespace Cads.Cli.Notebooks;

/// <summary>The index page: every notebook page in a folder, in reading order (by file name), with its title.</summary>
public static class PageIndex
{
    public sealed record Entry(string PageFile, string Title);

    public static string Render(IEnumerable<Entry> entries)
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>CADS notebooks</title>
            <style>
            body { margin: 0 auto; max-width: 780px; padding: 24px; font: 16px/1.6 system-ui, sans-serif; color: #1d1d1f; }
            li { margin: 6px 0; } .file { color: #888; font: 13px monospace; margin-left: 8px; }
            </style>
            </head>
            <body>
            <h1>CADS notebooks</h1>
            <p>Executed notebooks, in reading order.</p>
            <ol>

            """);
        foreach (var e in entries.OrderBy(e => e.PageFile, StringComparer.Ordinal))
        {
            var href = Uri.EscapeDataString(e.PageFile);
            html.Append($"<li><a href=\"{href}\">{WebUtility.HtmlEncode(e.Title)}</a><span class=\"file\">{WebUtility.HtmlEncode(e.PageFile)}</span></li>\n");
        }
        html.Append("</ol>\n</body>\n</html>\n");
        return html.ToString();
    }
}
