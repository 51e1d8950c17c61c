using System.Net;
using System.Text.RegularExpressions;
using Cads.Evaluation;

namespace Cads.Notebooks;

/// <summary>How a statement came to be shown.</summary>
public enum StatementStatus
{
    /// <summary>Rendered from computed values: true by construction.</summary>
    Rendered,

    /// <summary>A qualitative statement whose check passed.</summary>
    Checked,

    /// <summary>The check failed in quick mode, whose sizes are too small to decide.</summary>
    Inconclusive,

    /// <summary>The check failed after a reader changed a setting; the statement was written for the defaults.</summary>
    MadeForDefaults,

    /// <summary>A claim of the paper tested here; its verdict may be that it does not hold, which is a finding, not an error.</summary>
    Finding,
}

/// <summary>One line of a notebook's statements.</summary>
/// <param name="Japanese">The same statement in Japanese for the reading group, or empty; shown under the English.</param>
public sealed record StatementLine(string Text, StatementStatus Status, string Note, string Japanese = "");

/// <summary>
/// A notebook's statements in order ("What we saw"): each one rendered from values, checked, or a finding. The notebook
/// displays the list as bullets; each line says how it was established.
/// </summary>
public sealed partial class Statements
{
    readonly Claims claims;
    readonly List<StatementLine> lines = [];

    internal Statements(Claims claims, string title)
    {
        this.claims = claims;
        Title = title;
    }

    /// <summary>The heading shown above the bullets (may be empty).</summary>
    public string Title { get; }

    /// <summary>The lines so far.</summary>
    public IReadOnlyList<StatementLine> Lines => lines;

    /// <summary>
    /// A statement whose numbers and wording come from computed values (so it cannot be false);
    /// <paramref name="ja"/> says the same in Japanese, rendered from the same values.
    /// </summary>
    public Statements Say(string text, string ja = "")
    {
        lines.Add(new StatementLine(text, StatementStatus.Rendered, "", ja));
        return this;
    }

    /// <summary>
    /// A statement that is true only if <paramref name="holds"/>; <paramref name="evidence"/> gives the numbers it rests
    /// on. False at the defaults in a normal run: throws <see cref="ClaimFailedException"/>. <paramref name="ja"/> is
    /// the same statement in Japanese, judged by the same check.
    /// </summary>
    public Statements Check(string text, bool holds, string evidence, string ja = "")
    {
        var status = claims.Judge(text, holds, evidence);
        var note = status switch
        {
            StatementStatus.Inconclusive => $"inconclusive in quick mode (too few samples to decide): {evidence}",
            StatementStatus.MadeForDefaults => $"written for the default settings; with yours ({claims.ChangedSettings}) it does not hold: {evidence}",
            _ => evidence,
        };
        lines.Add(new StatementLine(text, status, note, ja));
        return this;
    }

    /// <summary>A claim of the paper measured here: the text, and the paired comparison over seeds that judges it.</summary>
    public Statements Finding(string text, PairedComparison comparison, string ja = "")
    {
        lines.Add(new StatementLine(text, StatementStatus.Finding, comparison.ToString(), ja));
        return this;
    }

    /// <summary>
    /// The lines as a numbered HTML list (a Japanese summary cites them as 結果 n); **bold** is kept, everything else is
    /// escaped; a Japanese line follows its English one.
    /// </summary>
    public string ToHtml()
    {
        var items = lines.Select(l =>
            $"<li>{Bold(WebUtility.HtmlEncode(l.Text))}" +
            (Mark(l) is { } mark ? $" <span style=\"color:{Colour(l.Status)};font-size:90%\">{WebUtility.HtmlEncode(mark)}</span>" : "") +
            (l.Japanese.Length > 0 ? $"<br><span lang=\"ja\">{Bold(WebUtility.HtmlEncode(l.Japanese))}</span>" : "") + "</li>");
        return (Title.Length > 0 ? $"<p><b>{WebUtility.HtmlEncode(Title)}</b></p>" : "") + "<ol>" + string.Concat(items) + "</ol>";
    }

    /// <inheritdoc/>
    public override string ToString() =>
        (Title.Length > 0 ? Title + "\n" : "") + string.Join("\n", lines.Select((l, i) => $"{i + 1}. {l.Text}" +
            (Mark(l) is { } mark ? " " + mark : "") + (l.Japanese.Length > 0 ? "\n   " + l.Japanese : "")));

    // "[checked: evidence]"; none for a rendered line without a note.
    static string? Mark(StatementLine l) =>
        l.Note.Length == 0 && l.Status == StatementStatus.Rendered ? null : $"[{Label(l.Status)}{(l.Note.Length > 0 ? ": " + l.Note : "")}]";

    static string Label(StatementStatus status) => status switch
    {
        StatementStatus.Checked => "checked",
        StatementStatus.Inconclusive => "inconclusive",
        StatementStatus.MadeForDefaults => "checked at the defaults",
        StatementStatus.Finding => "finding",
        _ => "computed",
    };

    static string Colour(StatementStatus status) => status switch
    {
        StatementStatus.Checked or StatementStatus.Rendered => "#2a7a2a",
        StatementStatus.Finding => "#1f5fa8",
        _ => "#b35900",
    };

    static string Bold(string encoded) => BoldMarks().Replace(encoded, "<b>$1</b>");

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldMarks();
}
