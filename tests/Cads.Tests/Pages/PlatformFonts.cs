using System.Text.Json.Nodes;

namespace Cads.Tests.Pages;

/// <summary>A platform font that drew text on a page, and how many glyphs it drew (CSS.getPlatformFontsForNode).</summary>
public sealed record PlatformFont(string Family, int Glyphs)
{
    // Families with CJK glyphs on Linux, macOS and Windows.
    static readonly string[] CjkFamilies =
        ["CJK", "Noto Sans JP", "Noto Serif JP", "IPA", "Takao", "VL Gothic", "VL PGothic", "Droid Sans Japanese", "Hiragino", "Yu Gothic", "Meiryo", "MS Gothic"];

    public bool HasCjkGlyphs => CjkFamilies.Any(f => Family.Contains(f, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"{Family} ({Glyphs} glyphs)";
}

/// <summary>
/// Which fonts Chromium used for a page's Japanese text, asked over the DevTools protocol: the first element whose own
/// text holds hiragana, katakana or kanji is found in the page (DOM.getDocument, DOM.querySelector), then
/// CSS.getPlatformFontsForNode names the platform fonts that drew its text. A page without a CJK font installed still
/// "renders" (as empty boxes or a fallback without the glyphs): only this question tells.
/// </summary>
public static class PlatformFonts
{
    const string MarkJapanese = """
        (() => {
          const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            if (japanese.test(node.textContent) && element && !element.closest('script, style')) {
              element.setAttribute('data-cads-japanese', '');
              return node.textContent.trim().slice(0, 80);
            }
          }
          return '';
        })()
        """;

    /// <summary>The Japanese text found and the fonts that drew it; text "" when the page has no Japanese.</summary>
    public static async Task<(string Text, List<PlatformFont> Fonts)> OfJapaneseTextAsync(Chromium chromium, string page)
    {
        var cdp = chromium.Cdp;
        var target = await cdp.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var targetId = target.GetProperty("targetId").GetString()!;
        try
        {
            var attached = await cdp.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true });
            var session = attached.GetProperty("sessionId").GetString()!;
            foreach (var domain in new[] { "Page", "Runtime", "DOM", "CSS" })
                await cdp.SendAsync($"{domain}.enable", sessionId: session);
            await cdp.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(page)).AbsoluteUri }, session);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < deadline && (await EvaluateAsync(cdp, session, "document.readyState")).GetString() != "complete")
                await Task.Delay(200);
            await EvaluateAsync(cdp, session, "document.fonts.ready.then(() => true)");

            var text = (await EvaluateAsync(cdp, session, MarkJapanese)).GetString()!;
            if (text.Length == 0) return ("", []);
            var document = await cdp.SendAsync("DOM.getDocument", new JsonObject { ["depth"] = 0 }, session);
            var found = await cdp.SendAsync("DOM.querySelector", new JsonObject
            {
                ["nodeId"] = document.GetProperty("root").GetProperty("nodeId").GetInt32(),
                ["selector"] = "[data-cads-japanese]",
            }, session);
            var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode",
                new JsonObject { ["nodeId"] = found.GetProperty("nodeId").GetInt32() }, session);
            return (text, fonts.GetProperty("fonts").EnumerateArray()
                .Select(f => new PlatformFont(f.GetProperty("familyName").GetString()!, f.GetProperty("glyphCount").GetInt32())).ToList());
        }
        finally
        {
            await cdp.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId });
        }
    }

    static async Task<System.Text.Json.JsonElement> EvaluateAsync(CdpConnection cdp, string session, string expression)
    {
        var result = await cdp.SendAsync("Runtime.evaluate",
            new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, session);
        if (result.TryGetProperty("exceptionDetails", out var failure))
            throw new InvalidOperationException($"page script failed: {failure}");
        return result.GetProperty("result").GetProperty("value");
    }
}
