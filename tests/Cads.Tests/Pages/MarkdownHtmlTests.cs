using Cads.Cli.Notebooks;

namespace Cads.Tests.Pages;

public class MarkdownHtmlTests
{
    [Fact]
    public void A_display_formula_whose_fences_share_lines_with_tex_becomes_one_math_block()
    {
        var html = MarkdownHtml.ToHtml("Text before.\n\n$$a = b, \\qquad\nc = d.$$\n\nText after.");
        Assert.Contains("<div class=\"math\">", html);
        Assert.DoesNotContain("$$", html.Replace("<div class=\"math\">", ""));
        Assert.Contains("a = b", html);
        Assert.Contains("c = d.", html);
    }

    [Fact]
    public void One_line_and_fenced_formulas_are_left_as_they_are()
    {
        const string markdown = "$$x^2$$\n\n$$\ny\n$$";
        Assert.Equal(markdown, MarkdownHtml.DisplayMathOnOwnLines(markdown));
    }
}
