using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Cads.Cli.Notebooks;

/// <summary>
/// Markdown cells to HTML (Markdig: CommonMark plus pipe tables, strikethrough, auto links and $…$ / $$…$$ math).
/// Math becomes &lt;span class="math"&gt; / &lt;div class="math"&gt; elements that the page's KaTeX script renders.
/// </summary>
public static class MarkdownHtml
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(DisplayMathOnOwnLines(markdown), Pipeline);

    /// <summary>
    /// Jupyter and VS Code (MathJax / KaTeX on the raw text) accept a display formula that opens or closes on a line
    /// with other text, "$$a = b" ... "c = d$$"; Markdig only sees a math block when the fences stand alone. Moves
    /// such fences onto their own lines; one-line "$$...$$" formulas are left alone.
    /// </summary>
    public static string DisplayMathOnOwnLines(string markdown)
    {
        var lines = new List<string>();
        foreach (var line in markdown.Split('\n'))
        {
            var text = line.Trim();
            bool opens = text.StartsWith("$$") && text != "$$", closes = text.EndsWith("$$") && text != "$$";
            if (opens && closes && text.Length > 4) lines.Add(line);
            else if (opens) lines.AddRange(["$$", text[2..]]);
            else if (closes) lines.AddRange([text[..^2], "$$"]);
            else lines.Add(line);
        }
        return string.Join('\n', lines);
    }

    /// <summary>The text of the first heading (any level), without markup; null when there is none.</summary>
    public static string? FirstHeading(string markdown)
    {
        var heading = Markdown.Parse(markdown, Pipeline).Descendants<HeadingBlock>().FirstOrDefault();
        if (heading?.Inline is null) return null;
        var text = string.Concat(heading.Inline.Descendants<LeafInline>().Select(l => l switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        })).Trim();
        return text.Length == 0 ? null : text;
    }
}
