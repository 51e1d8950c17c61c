using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cads.Cli.Commands;

namespace Cads.Tests.Notebooks;

/// <summary>
/// The shape that keeps a notebook's statements true of its outputs: settings in a Knobs record that Claims compares
/// with the defaults, and a "What we saw" that is computed (a code cell of Say / Check / Finding), not typed.
/// The normal-mode run of every notebook (AllNotebooksTests) then fails on any checked statement that is false.
/// </summary>
public class NotebookStatementsTests
{
    public static TheoryData<string> Teaching => new(ExecutedNotebooks.Names.Where(n => !n.StartsWith("00-")));

    static (string Type, string Source)[] Cells(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, name)))!["cells"]!.AsArray()
            .Select(c => ((string)c!["cell_type"]!, string.Concat(c["source"]!.AsArray().Select(l => (string?)l)))).ToArray();

    [Theory]
    [MemberData(nameof(Teaching))]
    public void The_settings_are_knobs_compared_with_their_defaults(string name)
    {
        var code = string.Join("\n", Cells(name).Where(c => c.Type == "code").Select(c => c.Source));
        Assert.Matches(@"record Knobs\b", code);
        Assert.Matches(@"Claims\.For\(knobs, new Knobs\(\)\)", code);
    }

    [Theory]
    [MemberData(nameof(Teaching))]
    public void What_we_saw_is_rendered_from_the_outputs_not_typed(string name)
    {
        var cells = Cells(name);
        var heading = Array.FindIndex(cells, c => c.Type == "markdown" && Regex.IsMatch(c.Source, @"^## What we saw( · 結果)?\s*$", RegexOptions.Multiline));
        Assert.True(heading >= 0, $"{name}: no '## What we saw' heading");
        Assert.DoesNotMatch(@"(?m)^\s*[-*] ", cells[heading].Source);          // no typed bullets under the heading
        Assert.True(heading + 1 < cells.Length && cells[heading + 1].Type == "code", $"{name}: the cell after 'What we saw' is not code");
        Assert.Matches(@"claims\.Begin\(", cells[heading + 1].Source);
    }
}
