namespace Cads.Benchmarks;

/// <summary>One measured quantity: a name, a value with its unit, and the target it is held to, if any.</summary>
public sealed record BenchRow(string Name, double Value, string Unit, string Target = "", bool? Met = null);

/// <summary>Everything one `cads bench` run measured, and where.</summary>
public sealed record BenchReport(string Machine, string Device, DateTime When, IReadOnlyList<BenchRow> Rows)
{
    /// <summary>A markdown table, for the terminal and for docs.</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"machine: {Machine}",
            $"device: {Device}",
            "",
            "| measurement | value | unit | target | met |",
            "| --- | ---: | --- | --- | --- |",
        };
        lines.AddRange(Rows.Select(r =>
            $"| {r.Name} | {r.Value:0.###} | {r.Unit} | {r.Target} | {(r.Met is null ? "" : r.Met.Value ? "yes" : "NO")} |"));
        return string.Join("\n", lines);
    }
}
