using System.Text.RegularExpressions;

namespace Cads.Tests.Notebooks;

/// <summary>
/// Which cells of a notebook must show a figure: those whose code makes a chart or an image grid at run time. Chart
/// code inside a local function that returns a chart (a helper declared in one cell, called in later ones) makes no
/// figure where it is declared; a call to such a helper makes one where it is called.
/// </summary>
public sealed partial class FigureCode
{
    readonly List<string> _chartHelpers = [];

    // A chart: the collection's chart helpers or Plotly.NET.CSharp's Chart.X calls, or the title call every chart gets.
    [GeneratedRegex(@"\b(Chart\.[A-Z]\w*|PlaneCharts\.\w+|WithTitle)\s*[(<]")]
    private static partial Regex ChartCall();

    [GeneratedRegex(@"\bnew\s+ImageGrid\s*\(|ImageGrid\.Beside\s*\(")]
    private static partial Regex ImageCall();

    // A local function returning a chart: "GenericChart Name(" or "Plotly.NET.GenericChart Name(".
    [GeneratedRegex(@"\bGenericChart\s+(\w+)\s*\(")]
    private static partial Regex ChartHelperDeclaration();

    /// <summary>Reads the next cell in order; returns whether it must show a chart and whether it must show an image.</summary>
    public (bool Chart, bool Image) Next(string source)
    {
        var code = source;
        foreach (Match m in ChartHelperDeclaration().Matches(source))
        {
            _chartHelpers.Add(m.Groups[1].Value);
            code = code.Replace(Declaration(source, m.Index), "");
        }
        var callsHelper = _chartHelpers.Any(h => Regex.IsMatch(code, $@"\b{h}\s*\("));
        return (ChartCall().IsMatch(code) || callsHelper, ImageCall().IsMatch(code));
    }

    // The declaration from its start to the end of its body: a balanced { } block, or "=> ...;" at nesting depth 0.
    static string Declaration(string source, int start)
    {
        var depth = 0;
        var sawBlock = false;
        for (var i = start; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '(' or '[': depth++; break;
                case ')' or ']': depth--; break;
                case '{':
                    if (depth == 0) sawBlock = true;
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0 && sawBlock) return source[start..(i + 1)];
                    break;
                case ';' when depth == 0 && !sawBlock:
                    return source[start..(i + 1)];
            }
        }
        return source[start..];
    }
}
