using System.CommandLine;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Cads.Cli.Commands;

/// <summary>
/// The kinds of option the verbs take. Each states its allowed values once: the parser refuses anything else with a
/// message that names the option and the range (exit 2, before any native library loads), and the help shows the
/// same range. Numbers are read in the invariant culture, so "0.5" means the same on every machine.
/// </summary>
public static partial class Flags
{
    /// <summary>A real number in <paramref name="range"/>: "--psi must be a number in [0, 1]; got '1.5'".</summary>
    public static Option<double> Number(string name, string helpName, string description, NumberRange range) => new(name)
    {
        HelpName = helpName,
        Description = $"{description}, {range}",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && range.Contains(value)) return value;
            result.AddError($"{name} must be a number {range}; got '{text}'.");
            return default;
        },
    };

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]: "--steps must be a whole number in [1, 10000]; got '0'".</summary>
    public static Option<T> WholeNumber<T>(string name, string helpName, string description, T min, T max) where T : IBinaryInteger<T> => new(name)
    {
        HelpName = helpName,
        Description = $"{description}, in [{min}, {max}]",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            result.AddError($"{name} must be a whole number in [{min}, {max}]; got '{text}'.");
            return default!;
        },
    };

    /// <summary>One of <paramref name="choices"/> by name, case-insensitive: "--world must be images, 2d or both; got 'moon'".</summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyList<(string Name, T Value)> choices) => new(name)
    {
        HelpName = string.Join("|", choices.Select(c => c.Name)),
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            foreach (var (choice, value) in choices)
                if (choice.Equals(text, StringComparison.OrdinalIgnoreCase)) return value;
            result.AddError($"{name} must be {OneOf(choices.Select(c => c.Name))}; got '{text}'.");
            return default!;
        },
    };

    /// <summary>One of <paramref name="names"/>.</summary>
    public static Option<string> Choice(string name, string description, IEnumerable<string> names) =>
        Choice(name, description, names.Select(n => (n, n)).ToList());

    /// <summary>A value of <typeparamref name="TEnum"/>, by its name in kebab case (PerSample: per-sample).</summary>
    public static Option<TEnum> Choice<TEnum>(string name, string description) where TEnum : struct, Enum =>
        Choice(name, description, Enum.GetValues<TEnum>().Select(v => (Kebab(v), v)).ToList());

    /// <summary>A comma-separated list read by <paramref name="parse"/>, which throws <see cref="UsageException"/> with the message for a bad element.</summary>
    public static Option<T[]> List<T>(string name, string helpName, string description, Func<string, T> parse) => new(name)
    {
        HelpName = helpName,
        Description = description,
        // One token, "4,8": a space-separated list would swallow what follows the option.
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            try { return result.Tokens[0].Value.Split(',').Select(parse).Distinct().ToArray(); }
            catch (UsageException e)
            {
                result.AddError(e.Message);
                return [];
            }
        },
    };

    /// <summary>A comma-separated list of numbers in <paramref name="range"/>.</summary>
    public static Option<double[]> NumberList(string name, string helpName, string description, NumberRange range) =>
        List(name, helpName, $"{description}, each {range}", part =>
            double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && range.Contains(value)
                ? value
                : throw new UsageException($"{name} must be a comma-separated list of numbers {range}; got '{part}'."));

    /// <summary>A switch: present or not.</summary>
    public static Option<bool> Switch(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A file or folder.</summary>
    public static Option<string> Path(string name, string description) => new(name) { HelpName = "PATH", Description = description };

    /// <summary>Adds <paramref name="text"/> (a default, see <see cref="Defaults{T}"/>) to the option's description.</summary>
    public static Option<T> WithDefault<T>(this Option<T> option, string text)
    {
        option.Description += text;
        return option;
    }

    /// <summary>
    /// A field's default, for the help, from the baselines a verb starts from: " [default: 0.6]" when they agree,
    /// " [default: images 0.6, 2d 0.3]" when they do not.
    /// </summary>
    public static string Defaults<T>(IReadOnlyList<(string Label, T Baseline)> baselines, Func<T, object> field)
    {
        var values = baselines.Select(b => (b.Label, Text: field(b.Baseline) switch
        {
            double d => NumberRange.Format(d),
            var other => other.ToString(),
        })).ToList();
        return values.Select(v => v.Text).Distinct().Count() == 1
            ? $" [default: {values[0].Text}]"
            : $" [default: {string.Join(", ", values.Select(v => $"{v.Label} {v.Text}"))}]";
    }

    /// <summary>The option's value when it was given on the command line, else <paramref name="fallback"/> (a baseline's, a size's).</summary>
    public static T ValueOr<T>(this ParseResult result, Option<T> option, T fallback) =>
        result.GetResult(option) is { Implicit: false } ? result.GetValue(option)! : fallback;

    /// <summary>Whether the option was given on the command line.</summary>
    public static bool Given(this ParseResult result, Option option) => result.GetResult(option) is { Implicit: false };

    /// <summary>"a, b or c".</summary>
    public static string OneOf(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 1 ? list[0] : $"{string.Join(", ", list[..^1])} or {list[^1]}";
    }

    /// <summary>An enum value's command-line name: PerSample is per-sample.</summary>
    public static string Kebab<TEnum>(TEnum value) where TEnum : struct, Enum =>
        UpperAfterLower().Replace(value.ToString(), "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex UpperAfterLower();
}

/// <summary>The values a number option allows: [min, max], or (min, max] where <paramref name="MinExclusive"/>.</summary>
public sealed record NumberRange(double Min, double Max = double.PositiveInfinity, bool MinExclusive = false)
{
    /// <summary>Finite and in range.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value) && (MinExclusive ? value > Min : value >= Min) && value <= Max;

    /// <summary>"in [0, 1]", "&gt;= 0" or "&gt; 0".</summary>
    public override string ToString() => double.IsPositiveInfinity(Max)
        ? $"{(MinExclusive ? ">" : ">=")} {Format(Min)}"
        : $"in {(MinExclusive ? "(" : "[")}{Format(Min)}, {Format(Max)}]";

    /// <summary>A number as the help and the messages write it.</summary>
    public static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
