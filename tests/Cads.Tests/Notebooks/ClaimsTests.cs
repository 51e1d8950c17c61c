using Cads.Evaluation;
using Cads.Notebooks;

namespace Cads.Tests.Notebooks;

public class ClaimsTests
{
    record Knobs(double W = 8, int Steps = 100);

    [Fact]
    public void A_false_statement_at_the_defaults_in_a_normal_run_stops_the_notebook()
    {
        var claims = new Claims(quick: false, changedSettings: "");
        var error = Assert.Throws<ClaimFailedException>(() => claims.Check("CADS covers every mode", false, "coverage 0.87"));
        Assert.Contains("CADS covers every mode", error.Message);
        Assert.Contains("coverage 0.87", error.Message);
        Assert.Equal(StatementStatus.Checked, claims.Check("CADS covers every mode", true, "coverage 1.00").Lines.Single().Status);
    }

    [Fact]
    public void In_quick_mode_a_false_statement_is_inconclusive_and_never_throws()
    {
        var line = new Claims(quick: true, changedSettings: "").Check("CFG loses modes", false, "coverage 0.9 -> 0.9").Lines.Single();
        Assert.Equal(StatementStatus.Inconclusive, line.Status);
        Assert.Contains("quick mode", line.Note);
    }

    [Fact]
    public void After_a_reader_changes_a_setting_a_false_statement_says_it_was_made_for_the_defaults()
    {
        var claims = Claims.For(new Knobs(W: 3), new Knobs());
        Assert.False(claims.AtDefaults);
        Assert.Equal("W = 3 (default 8)", claims.ChangedSettings);
        var statements = claims.Check("CFG at w = 8 loses modes", false, "coverage 1.0");
        var line = statements.Lines.Single();
        Assert.Equal(StatementStatus.MadeForDefaults, line.Status);
        Assert.Contains("W = 3 (default 8)", line.Note);
        Assert.Contains("[checked at the defaults: written for the default settings; with yours (W = 3 (default 8)) it does not hold", statements.ToString());
        Assert.True(Claims.For(new Knobs(), new Knobs()).AtDefaults);
    }

    [Fact]
    public void Findings_never_fail_and_statements_render_as_a_list()
    {
        var claims = new Claims(quick: false, changedSettings: "");
        var saw = claims.Begin("What we saw")
            .Say("coverage 0.40 → 1.00 <with markup>")
            .Finding("**CADS raises recall**", PairedComparison.Of([0.6, 0.7, 0.65], [0.4, 0.45, 0.41], Expected.Higher));
        Assert.Equal(StatementStatus.Finding, saw.Lines[1].Status);
        Assert.Contains("does not hold", saw.Lines[1].Note);
        var html = saw.ToHtml();
        Assert.Contains("<li>coverage 0.40 → 1.00 &lt;with markup&gt;</li>", html);
        Assert.Contains("<b>CADS raises recall</b>", html);
        Assert.StartsWith("What we saw\n1. coverage", saw.ToString());
    }

    [Fact]
    public void A_japanese_line_follows_its_english_one_in_a_numbered_list_and_shares_its_check()
    {
        var claims = new Claims(quick: false, changedSettings: "");
        var saw = claims.Begin()
            .Say("coverage 0.40", ja: "被覆率 0.40")
            .Check("precision stays high", true, "0.9", ja: "**適合率**は高いまま");
        var html = saw.ToHtml();
        Assert.Contains("<ol><li>coverage 0.40<br><span lang=\"ja\">被覆率 0.40</span></li>", html);
        Assert.Contains("<span lang=\"ja\"><b>適合率</b>は高いまま</span></li></ol>", html);
        Assert.Equal("1. coverage 0.40\n   被覆率 0.40\n2. precision stays high [checked: 0.9]\n   **適合率**は高いまま", saw.ToString());
        // The Japanese line is judged with its English one: a false check at the defaults still stops the notebook.
        Assert.Throws<ClaimFailedException>(() => claims.Check("coverage rises", false, "0.4 → 0.3", ja: "被覆率が上がる"));
    }
}
