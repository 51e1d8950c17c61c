using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cads.Tests.Pages;

/// <summary>
/// A headless Chromium started for the tests, driven over the Chrome DevTools Protocol (its --remote-debugging-port,
/// port chosen by Chromium). Found as CADS_CHROMIUM, else chromium / chromium-browser / google-chrome on the PATH.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    readonly Process _process;
    readonly string _profile;

    public CdpConnection Cdp { get; }

    Chromium(Process process, string profile, CdpConnection cdp) => (_process, _profile, Cdp) = (process, profile, cdp);

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CADS_CHROMIUM") is { Length: > 0 } chosen)
            return File.Exists(chosen) ? chosen : null;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" }
            .SelectMany(name => folders.Select(folder => Path.Combine(folder, name)))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<Chromium> StartAsync()
    {
        var executable = Find() ?? throw new InvalidOperationException("no Chromium (install it: apt-get install -y chromium)");
        var profile = Directory.CreateTempSubdirectory("cads-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--hide-scrollbars", "--mute-audio",
                     "--allow-file-access-from-files", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null); // keep the pipe drained
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr.
        var log = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardError.ReadLineAsync(timeout.Token);
            if (line is null)
                throw new InvalidOperationException($"Chromium exited before it listened:\n{string.Join("\n", log.TakeLast(20))}");
            log.Add(line);
            if (Listening().Match(line) is { Success: true } m)
            {
                _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                var cdp = await CdpConnection.ConnectAsync(new Uri(m.Groups[1].Value));
                return new Chromium(process, profile, cdp);
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        try { await Cdp.SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5)); } catch { /* killed below */ }
        await Cdp.DisposeAsync();
        try
        {
            if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}
