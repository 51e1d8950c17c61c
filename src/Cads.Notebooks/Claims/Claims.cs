using System.Reflection;

namespace Cads.Notebooks;

/// <summary>
/// The notebook's own statements about its outputs, checked beside the numbers they are about. A statement that is
/// false stops the notebook in a normal run at the default settings (the runner then exits 1). In quick mode, with its
/// fewer samples, it is reported as inconclusive. After a reader has changed a setting it says that it was made for
/// the defaults. Claims of the paper tested in our worlds are findings instead: <see cref="Statements.Finding"/>.
/// </summary>
public sealed class Claims
{
    internal Claims(bool quick, string changedSettings)
    {
        Quick = quick;
        ChangedSettings = changedSettings;
    }

    /// <summary>
    /// Claims for a notebook whose settings are the record <paramref name="settings"/>; <paramref name="defaults"/> is
    /// the record as shipped (<c>new Knobs()</c>). The two are compared property by property.
    /// </summary>
    public static Claims For<T>(T settings, T defaults) where T : notnull =>
        new(NotebookSetup.Quick, Differences(settings, defaults));

    /// <summary>True in quick mode (CADS_QUICK=1): false statements are inconclusive, never errors.</summary>
    public bool Quick { get; }

    /// <summary>The settings that differ from the defaults, "w = 10 (default 8)"; empty at the defaults.</summary>
    public string ChangedSettings { get; }

    /// <summary>True when no setting differs from the defaults.</summary>
    public bool AtDefaults => ChangedSettings.Length == 0;

    /// <summary>A new list of statements, displayed as a bulleted list.</summary>
    public Statements Begin(string title = "") => new(this, title);

    /// <summary>One checked statement, for a claim made under a figure or in a section's prose.</summary>
    public Statements Check(string statement, bool holds, string evidence, string ja = "") => Begin().Check(statement, holds, evidence, ja);

    internal StatementStatus Judge(string statement, bool holds, string evidence)
    {
        if (holds) return StatementStatus.Checked;
        // A reader's own setting is the more useful thing to point at, in either mode.
        if (!AtDefaults) return StatementStatus.MadeForDefaults;
        if (Quick) return StatementStatus.Inconclusive;
        throw new ClaimFailedException(statement, evidence);
    }

    static string Differences<T>(T settings, T defaults) where T : notnull =>
        string.Join(", ", typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (p.Name, Value: p.GetValue(settings), Default: p.GetValue(defaults)))
            .Where(p => !Equals(p.Value, p.Default))
            .Select(p => $"{p.Name} = {p.Value} (default {p.Default})"));
}

/// <summary>A statement of the notebook that its own outputs do not support, at the default settings.</summary>
public sealed class ClaimFailedException(string statement, string evidence) : Exception(
    $"The notebook says \"{statement}\", but its outputs at the default settings do not support it: {evidence}. " +
    "Fix the code or the statement (a claim of the paper tested here belongs in a finding, which may not hold).")
{
    /// <summary>The statement as the notebook renders it.</summary>
    public string Statement { get; } = statement;

    /// <summary>The numbers that contradict it.</summary>
    public string Evidence { get; } = evidence;
}
