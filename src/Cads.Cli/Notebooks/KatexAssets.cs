using System.Reflection;
using System.Text.RegularExpressions;

namespace Cads.Cli.Notebooks;

/// <summary>
/// The vendored KaTeX (Notebooks/Katex, MIT) as inline page content: its style sheet with the WOFF2 fonts as data:
/// URIs, its script, and a script that renders every math element, so formulas need no network.
/// </summary>
public static partial class KatexAssets
{
    static readonly Lazy<string> Head = new(BuildHead);

    /// <summary>&lt;style&gt; and &lt;script&gt; elements for a page's head.</summary>
    public static string HeadHtml => Head.Value;

    /// <summary>Renders the page's .math elements (Markdig writes \(…\) and \[…\] inside them).</summary>
    public const string RenderScript = """
        <script>
        document.querySelectorAll('.math').forEach(function (el) {
          var tex = el.textContent.trim();
          var display = el.tagName === 'DIV';
          if (/^\\[\(\[]/.test(tex) && /\\[\)\]]$/.test(tex)) tex = tex.slice(2, -2);
          katex.render(tex, el, { displayMode: display, throwOnError: false });
        });
        </script>
        """;

    static string BuildHead()
    {
        var css = FontUrl().Replace(Read("katex/katex.min.css"), m =>
            $"url(data:font/woff2;base64,{Convert.ToBase64String(ReadBytes($"katex/fonts/{m.Groups[1].Value}.woff2"))}) format(\"woff2\")");
        var js = Read("katex/katex.min.js").Replace("</script", "<\\/script");
        return $"<style>{css}</style>\n<script>{js}</script>";
    }

    // url(fonts/NAME.woff2) format("woff2") and the woff/ttf fallbacks after it, which are not shipped.
    [GeneratedRegex("""url\(fonts/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[a-z]+"\))*""")]
    private static partial Regex FontUrl();

    static string Read(string name)
    {
        using var reader = new StreamReader(new MemoryStream(ReadBytes(name)));
        return reader.ReadToEnd();
    }

    static byte[] ReadBytes(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
                           ?? throw new InvalidOperationException($"KaTeX resource '{name}' is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
