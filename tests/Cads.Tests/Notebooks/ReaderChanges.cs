namespace Cads.Tests.Notebooks;

/// <summary>
/// A reader's change of one main knob per teaching notebook: the expression that replaces `new Knobs()` in the line
/// `var knobs = new Knobs();` for the quick run with the exercises' solutions filled in (SolvedNotebookTests). Each is
/// cheap (no larger sizes) and moves a knob the notebook teaches, so the run exercises the "written for the default
/// settings" path of every knob-dependent check. The notebooks' authors may change their entry; keep it cheap.
/// </summary>
public static class ReaderChanges
{
    /// <summary>By notebook key (the file name's number).</summary>
    public static IReadOnlyDictionary<string, string> ByNotebook { get; } = new Dictionary<string, string>
    {
        // the guidance weight of the CFG-against-CADS comparison
        ["01"] = "new Knobs { Run = TwoDEvaluation.Baseline with { W = 4 } }",
        // CADS's window moved to the public implementations' defaults: the posterior's and the trajectories' timing follow it
        ["02"] = "new Knobs { Run = TwoDEvaluation.Baseline with { Cads = TwoDEvaluation.Baseline.Cads! with { Tau1 = 0.6, Tau2 = 0.9 } } }",
        // CADS's noise scale s, which sets the smoothing of the guidance field
        ["03"] = "new Knobs { Cads = TwoDEvaluation.Baseline.Cads! with { NoiseScale = 1 } }",
        // tau1 of the strip and the grids, lowered: more of each trajectory sees the noisy condition
        ["04"] = "new Knobs { Run = new Knobs().Run with { Cads = new CadsSettings(Tau1: 0.4) } }",
        // the image world's guidance weight in every image table
        ["05"] = "new Knobs { ImageRun = new Knobs().ImageRun with { W = 4 } }",
        // the noise scale s of the 2-D baseline every ablation starts from
        ["06"] = "new Knobs { Run = TwoDEvaluation.Baseline with { Cads = TwoDEvaluation.Baseline.Cads! with { NoiseScale = 1 } } }",
        // the 2-D world's guidance weight, where CFG, the schedules and Autoguidance are compared
        ["07"] = "new Knobs { TwoDRun = TwoDEvaluation.Baseline with { W = 8 } }",
    };

    public const string DefaultLine = "var knobs = new Knobs();";

    /// <summary>The reader's line for a notebook, null when it has no entry.</summary>
    public static string? Line(string notebook) =>
        ByNotebook.TryGetValue(NotebookFormat.Key(notebook), out var change) ? $"var knobs = {change};" : null;
}
