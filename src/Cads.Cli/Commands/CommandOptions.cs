using System.Globalization;

namespace Cads.Cli.Commands;

/// <summary>
/// `--name value` and `--flag` options of one command, checked against the names it knows. Every bad value becomes a
/// <see cref="UsageException"/> that names the option and its allowed range.
/// </summary>
public sealed class CommandOptions
{
    readonly Dictionary<string, string?> _values = new();

    /// <summary>Arguments that are not options, in order.</summary>
    public List<string> Positional { get; } = [];

    /// <param name="args">The command's arguments.</param>
    /// <param name="valued">Options that take a value (without "--").</param>
    /// <param name="flags">Options that take none.</param>
    public CommandOptions(IEnumerable<string> args, string[] valued, string[]? flags = null)
    {
        flags ??= [];
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--")) { Positional.Add(arg); continue; }
            var name = arg[2..];
            if (flags.Contains(name)) _values[name] = null;
            else if (valued.Contains(name))
                _values[name] = e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value.");
            else
                throw new UsageException($"unknown option '{arg}'; this command takes {string.Join(", ", valued.Concat(flags).Select(n => "--" + n))}.");
        }
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? String(string name, string? fallback = null) => _values.GetValueOrDefault(name) ?? fallback;

    public int Int(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new UsageException($"--{name} must be a whole number in [{min}, {max}]; got '{text}'.");
        return value;
    }

    public long Long(string name, long fallback)
    {
        if (!_values.TryGetValue(name, out var text)) return fallback;
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"--{name} must be a whole number; got '{text}'.");
    }

    public double Double(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!_values.TryGetValue(name, out var text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) ||
            value < min || value > max)
            throw new UsageException($"--{name} must be a finite number in [{min}, {max}]; got '{text}'.");
        return value;
    }
}
