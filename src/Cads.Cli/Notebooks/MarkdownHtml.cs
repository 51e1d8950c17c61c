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

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

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
