namespace Cads.Tests.Notebooks;

public class FigureCodeTests
{
    [Fact]
    public void A_chart_helper_makes_no_figure_where_it_is_declared_and_one_where_it_is_called()
    {
        var figures = new FigureCode();
        Assert.Equal((false, false), figures.Next("""
            Plotly.NET.GenericChart Curve(string metric) => Chart.Combine(xs.Select(x => { var y = x; return Chart.Line<double, double, string>(x, y); }))
                .WithTitle($"{metric}");
            GenericChart Block(int n)
            {
                return Chart.Point<double, double, string>(new[] { 1.0 }, new[] { 2.0 }).WithTitle($"{n}");
            }
            var other = 3;
            """));
        Assert.Equal((true, false), figures.Next("display(Curve(\"fid\"));"));
        Assert.Equal((true, false), figures.Next("Block(2)"));
        Assert.Equal((true, false), figures.Next("Chart.Line<double, double, string>(ts, ts).WithAxisTitles(\"t\", \"w\")"));
        Assert.Equal((false, true), figures.Next("ImageGrid.Beside(new ImageGrid(images, rows: 10) { Caption = \"CFG\" })"));
        Assert.Equal((false, false), figures.Next("var table = rows.Select(r => r.Fid).ToList();"));
    }
}
