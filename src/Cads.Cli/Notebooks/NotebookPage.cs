using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cads.Cli.Notebooks;

/// <summary>
/// One executed notebook as a self-contained HTML page: markdown (with KaTeX math), code escaped in &lt;pre&gt;,
/// and the outputs (streams, text, HTML as is, which carries the Plotly charts with plotly.js, images inline).
/// </summary>
public static partial class NotebookPage
{
    /// <summary>The notebook's first markdown heading, else <paramref name="fallback"/>.</summary>
    public static string Title(JsonObject notebook, string fallback) =>
        Cells(notebook).Where(c => (string?)c["cell_type"] == "markdown")
            .Select(c => MarkdownHtml.FirstHeading(Text(c["source"])))
            .FirstOrDefault(t => t is not null) ?? fallback;

    public static string Render(JsonObject notebook, string title)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Escape(title)}</title>
            <style>{Style}</style>
            {KatexAssets.HeadHtml}
            </head>
            <body>
            <nav><a href="index.html">all notebooks</a></nav>
            <main>

            """);
        foreach (var cell in Cells(notebook))
        {
            switch ((string?)cell["cell_type"])
            {
                case "markdown":
                    // The Japanese summary (要約) is marked as Japanese: the browser picks its font and line breaking for it.
                    var source = Text(cell["source"]);
                    var lang = source.StartsWith("## 要約") ? " lang=\"ja\"" : "";
                    html.Append($"<section class=\"cell markdown\"{lang}>\n").Append(MarkdownHtml.ToHtml(source)).Append("</section>\n");
                    break;
                case "code":
                    var count = cell["execution_count"] is JsonValue n ? $"[{n}]" : "[ ]";
                    html.Append("<section class=\"cell code\">\n")
                        .Append($"<div class=\"prompt\">{count}</div>")
                        .Append($"<pre class=\"source\"><code>{Escape(Text(cell["source"]))}</code></pre>\n");
                    foreach (var output in cell["outputs"]?.AsArray() ?? [])
                        if (output is JsonObject o) html.Append(Output(o)).Append('\n');
                    html.Append("</section>\n");
                    break;
                default: // raw cells are not shown
                    break;
            }
        }
        html.Append("</main>\n").Append(KatexAssets.RenderScript).Append("\n</body>\n</html>\n");
        return html.ToString();
    }

    static string Output(JsonObject output) => (string?)output["output_type"] switch
    {
        "stream" => $"<pre class=\"output stream {Escape((string?)output["name"] ?? "stdout")}\">{Escape(Text(output["text"]))}</pre>",
        "execute_result" or "display_data" => Data(output["data"] as JsonObject ?? []),
        "error" => $"<pre class=\"output error\">{Escape(Ansi().Replace(
            $"{output["ename"]}: {output["evalue"]}\n{Text(output["traceback"], "\n")}", ""))}</pre>",
        _ => "",
    };

    // The richest representation this page can show, as Jupyter picks it.
    static string Data(JsonObject data)
    {
        if (data["text/html"] is { } html) return $"<div class=\"output html\">{Text(html)}</div>";
        if (data["image/svg+xml"] is { } svg) return $"<div class=\"output image\">{Text(svg)}</div>";
        foreach (var mime in new[] { "image/png", "image/jpeg", "image/gif" })
            if (data[mime] is { } image)
                return $"<div class=\"output image\"><img alt=\"\" src=\"data:{mime};base64,{Text(image).Replace("\n", "")}\"></div>";
        if (data["text/markdown"] is { } markdown)
            return $"<div class=\"output markdown\">{MarkdownHtml.ToHtml(Text(markdown))}</div>";
        if (data["text/plain"] is { } plain) return $"<pre class=\"output text\">{Escape(Text(plain))}</pre>";
        return "";
    }

    static IEnumerable<JsonObject> Cells(JsonObject notebook) =>
        (notebook["cells"] as JsonArray ?? []).OfType<JsonObject>();

    // nbformat stores multi-line text as a string or a list of lines.
    static string Text(JsonNode? node, string separator = "") => node switch
    {
        JsonArray lines => string.Join(separator, lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };

    static string Escape(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();

    static readonly string Style = $$"""
        body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", {{PageFonts.Japanese}}, sans-serif; color: #1d1d1f; background: #fff; }
        :lang(ja) { font-family: {{PageFonts.Japanese}}, system-ui, sans-serif; }
        nav { max-width: 980px; margin: 0 auto; padding: 12px 24px 0; font-size: 14px; }
        main { max-width: 980px; margin: 0 auto; padding: 0 24px 48px; }
        .cell { margin: 18px 0; }
        .cell.code { position: relative; }
        .prompt { position: absolute; left: -3.2em; top: 8px; color: #888; font: 12px monospace; }
        pre { margin: 6px 0; padding: 10px 12px; overflow-x: auto; border-radius: 4px; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; }
        pre.source { background: #f5f6f8; border: 1px solid #e1e4e8; }
        pre.output { background: #fff; border-left: 3px solid #d0d7de; }
        pre.stderr { background: #fff5f5; }
        pre.error { background: #fff0f0; border-left-color: #d73a49; }
        .output.html, .output.image { margin: 6px 0; overflow-x: auto; }
        .output img { max-width: 100%; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        .markdown code { background: #f0f1f3; padding: 1px 4px; border-radius: 3px; }
        .markdown table, .output table { border-collapse: collapse; margin: 8px 0; }
        .markdown th, .markdown td, .output th, .output td { border: 1px solid #d0d7de; padding: 4px 10px; }
        div.math { overflow-x: auto; margin: 10px 0; }
        """;
}
