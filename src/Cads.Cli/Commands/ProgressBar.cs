using System.Diagnostics;

namespace Cads.Cli.Commands;

/// <summary>
/// A one-line progress bar on standard error: redrawn in place on a terminal, a line every 10% when redirected
/// (CI logs, files).
/// </summary>
public sealed class ProgressBar(string label, int total, TextWriter? writer = null)
{
    readonly TextWriter _writer = writer ?? Console.Error;
    readonly bool _inPlace = writer is null && !Console.IsErrorRedirected;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    int _lastDecile = -1;
    TimeSpan _lastDraw;

    /// <summary>Reports that <paramref name="done"/> of the total are finished, with an optional note (a loss).</summary>
    public void Report(int done, string note = "")
    {
        var elapsed = _clock.Elapsed;
        var decile = done * 10 / Math.Max(1, total);
        if (_inPlace ? elapsed - _lastDraw < TimeSpan.FromMilliseconds(200) && done < total : decile == _lastDecile) return;
        _lastDraw = elapsed;
        _lastDecile = decile;
        var fraction = (double)done / Math.Max(1, total);
        var bar = new string('#', (int)(fraction * 24)).PadRight(24, '.');
        var eta = done > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (total - done) / done) : TimeSpan.Zero;
        var line = $"{label} [{bar}] {done}/{total} {note} {elapsed:mm\\:ss} elapsed, {eta:mm\\:ss} left";
        if (_inPlace) _writer.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 100));
        else _writer.WriteLine(line);
        if (_inPlace && done >= total) _writer.WriteLine();
    }
}
