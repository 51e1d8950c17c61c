using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cads.Tests.Pages;

/// <summary>What a page did in Chromium: errors, requests that left the file, and what its checks found.</summary>
public sealed record PageReport(List<string> Errors, List<string> NetworkRequests, JsonElement Checks, string Screenshot);

/// <summary>Loads one page in a fresh tab, waits for charts and formulas, runs the checks and saves a screenshot.</summary>
public static class PageProbe
{
    // Charts: the divs ChartHtml writes; drawn = Plotly's svg.main-svg with at least one data trace.
    // Formulas: Markdig's .math elements; rendered = KaTeX output inside, no katex-error anywhere.
    // Raw TeX: delimiters left in the markdown text once rendered formulas and code are taken out.
    const string Checks = """
        (() => {
          const charts = [...document.querySelectorAll('div[id^="cads-plot-"]')];
          const drawn = charts.filter(d => d.querySelector('svg.main-svg') && Array.isArray(d.data) && d.data.length > 0
            && d.querySelectorAll('g.trace, g.hm, g.im, g.imagelayer image').length > 0);
          const maths = [...document.querySelectorAll('.math')];
          const rendered = maths.filter(m => m.querySelector('.katex'));
          const prose = [...document.querySelectorAll('.cell.markdown, .output.markdown')].map(section => {
            const copy = section.cloneNode(true);
            copy.querySelectorAll('.katex, code, pre').forEach(e => e.remove());
            return copy.textContent;
          }).join('\n');
          const raw = ['$$', '\\(', '\\)', '\\[', '\\]'].filter(d => prose.includes(d));
          if (/\$[^$\s][^$]*\$/.test(prose)) raw.push('$…$');
          return JSON.stringify({
            charts: charts.length, drawn: drawn.length,
            newPlotScripts: [...document.scripts].filter(s => s.text.includes('Plotly.newPlot(') && !s.text.includes('plotly.js v')).length,
            maths: maths.length, rendered: rendered.length,
            katexErrors: document.querySelectorAll('.katex-error').length,
            rawTex: raw,
            katexFont: maths.length === 0 || document.fonts.check('16px KaTeX_Main'),
            images: [...document.images].length,
            brokenImages: [...document.images].filter(i => !i.complete || i.naturalWidth === 0).length,
            links: [...document.querySelectorAll('a[href$=".html"]')].map(a => a.getAttribute('href')),
          });
        })()
        """;

    const string Ready = """
        document.readyState === 'complete'
          && [...document.querySelectorAll('div[id^="cads-plot-"]')].every(d => d.querySelector('svg.main-svg'))
          && [...document.querySelectorAll('.math')].every(m => m.querySelector('.katex'))
        """;

    public static async Task<PageReport> LoadAsync(Chromium chromium, string page, string screenshot, int width = 1100)
    {
        var cdp = chromium.Cdp;
        var target = await cdp.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var targetId = target.GetProperty("targetId").GetString()!;
        var attached = await cdp.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = targetId, ["flatten"] = true });
        var session = attached.GetProperty("sessionId").GetString()!;

        var errors = new List<string>();
        var requests = new List<string>();
        void OnEvent(string method, string? sessionId, JsonElement e)
        {
            if (sessionId != session) return;
            lock (errors)
            {
                switch (method)
                {
                    case "Runtime.exceptionThrown":
                        var details = e.GetProperty("exceptionDetails");
                        errors.Add("uncaught: " + (details.TryGetProperty("exception", out var ex) && ex.TryGetProperty("description", out var d)
                            ? d.GetString() : details.GetProperty("text").GetString()));
                        break;
                    case "Runtime.consoleAPICalled" when e.GetProperty("type").GetString() is "error" or "assert":
                        errors.Add("console: " + string.Join(" ", e.GetProperty("args").EnumerateArray()
                            .Select(a => a.TryGetProperty("value", out var v) ? v.ToString() : a.TryGetProperty("description", out var ds) ? ds.GetString() : "?")));
                        break;
                    case "Log.entryAdded" when e.GetProperty("entry").GetProperty("level").GetString() == "error":
                        errors.Add("log: " + e.GetProperty("entry").GetProperty("text").GetString());
                        break;
                    case "Network.requestWillBeSent":
                        var url = e.GetProperty("request").GetProperty("url").GetString()!;
                        if (!url.StartsWith("file:") && !url.StartsWith("data:") && !url.StartsWith("about:") && !url.StartsWith("blob:"))
                            requests.Add(url);
                        break;
                }
            }
        }
        cdp.Event += OnEvent;
        try
        {
            foreach (var domain in new[] { "Runtime", "Log", "Network", "Page" })
                await cdp.SendAsync($"{domain}.enable", sessionId: session);
            await cdp.SendAsync("Emulation.setDeviceMetricsOverride",
                new JsonObject { ["width"] = width, ["height"] = 900, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session);
            await cdp.SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(page)).AbsoluteUri }, session);

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (DateTime.UtcNow < deadline && !(await EvaluateAsync(cdp, session, Ready)).GetBoolean())
                await Task.Delay(200);
            await EvaluateAsync(cdp, session, "document.fonts.ready.then(() => true)");
            await Task.Delay(300); // let the last chart finish its transitions before the picture
            var checks = JsonDocument.Parse((await EvaluateAsync(cdp, session, Checks)).GetString()!).RootElement.Clone();

            var metrics = await cdp.SendAsync("Page.getLayoutMetrics", sessionId: session);
            var height = Math.Min(20000, Math.Ceiling(metrics.GetProperty("cssContentSize").GetProperty("height").GetDouble()));
            var shot = await cdp.SendAsync("Page.captureScreenshot", new JsonObject
            {
                ["format"] = "png",
                ["captureBeyondViewport"] = true,
                ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
            }, session, TimeSpan.FromSeconds(120));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
            await File.WriteAllBytesAsync(screenshot, Convert.FromBase64String(shot.GetProperty("data").GetString()!));

            lock (errors) return new PageReport([.. errors], [.. requests], checks, screenshot);
        }
        finally
        {
            cdp.Event -= OnEvent;
            await cdp.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = targetId });
        }
    }

    static async Task<JsonElement> EvaluateAsync(CdpConnection cdp, string session, string expression)
    {
        var result = await cdp.SendAsync("Runtime.evaluate",
            new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, session);
        if (result.TryGetProperty("exceptionDetails", out var failure))
            throw new InvalidOperationException($"page script failed: {failure}");
        return result.GetProperty("result").GetProperty("value");
    }
}
