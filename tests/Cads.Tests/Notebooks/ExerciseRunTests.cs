using System.Text.Json.Nodes;
using Cads.Cli.Commands;
using Cads.Notebooks;

namespace Cads.Tests.Notebooks;

/// <summary>
/// The exercises and the 要約 in executed notebooks: the normal run (shared with AllNotebooksTests) leaves every exercise
/// "not answered yet" and every （結果 n） of the 要約 points at a line of the final What we saw list; a quick run with the
/// solutions filled in and a reader's change of a main knob finishes and says "correct" for every exercise.
/// </summary>
public class ExerciseRunTests
{
    public static TheoryData<string> All() => new(ExecutedNotebooks.Names);

    /// <summary>The notebooks with exercises or a reader's change: their solved copies run.</summary>
    public static TheoryData<string> Solvable() => new(ExecutedNotebooks.Names.Where(n =>
        ReaderChanges.Line(n) is not null || NotebookFormat.Exercises(NotebookFormat.Cells(Path.Combine(RepoPaths.Notebooks, n))).Count > 0));

    [Theory]
    [MemberData(nameof(All))]
    public async Task A_normal_run_leaves_every_exercise_unanswered_and_each_citation_names_a_result_line(string name)
    {
        var result = await ExecutedNotebooks.RunAsync(name);
        Assert.True(result.Succeeded, NotebooksCommand.Summary(result));
        var executed = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!;
        var cells = NotebookFormat.Cells(executed);

        foreach (var exercise in NotebookFormat.Exercises(cells))
        {
            Assert.NotNull(exercise.CheckCell);
            var output = NotebookFormat.OutputText(executed, exercise.CheckCell!.Index);
            Assert.True(output.Contains($"Exercise {exercise.Id}") && output.Contains(ExerciseResult.NotAnsweredText),
                $"{name}, exercise {exercise.Id}: the check cell says '{output}', not '{ExerciseResult.NotAnsweredText}'");
        }

        var citations = NotebookFormat.Citations(cells);
        if (citations.Count == 0) return;
        var lines = NotebookFormat.WhatWeSawLines(executed);
        Assert.True(lines is not null, $"{name}: the 要約 cites results but the What we saw section shows no numbered list");
        Assert.All(citations, n => Assert.True(n >= 1 && n <= lines, $"{name}: the 要約 cites （結果 {n}）; What we saw has {lines} lines"));
    }

    [Theory]
    [MemberData(nameof(Solvable))]
    public async Task With_the_solutions_and_a_readers_change_a_quick_run_finishes_and_every_exercise_is_correct(string name)
    {
        var result = await ExecutedNotebooks.RunSolvedAsync(name);
        Assert.True(result.Succeeded, $"{name} with its solutions and the reader's change ({ReaderChanges.Line(name) ?? "none"}): {NotebooksCommand.Summary(result)}");
        var executed = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!;
        foreach (var exercise in NotebookFormat.Exercises(NotebookFormat.Cells(executed)))
        {
            var output = NotebookFormat.OutputText(executed, exercise.CheckCell!.Index);
            Assert.True(output.Contains($"Exercise {exercise.Id}") && output.Contains($"{ExerciseResult.CorrectText} (正解)"),
                $"{name}, exercise {exercise.Id} with its solution: the check cell says '{output}'");
        }
    }

    [Fact]
    public void Each_teaching_notebook_has_a_readers_change_for_its_one_knobs_line()
    {
        var teaching = ExecutedNotebooks.Names.Where(n => NotebookFormat.Number(n) is >= 1).ToList();
        Assert.Equal(teaching.Select(NotebookFormat.Key).Order(), ReaderChanges.ByNotebook.Keys.Order());
        foreach (var name in teaching)
        {
            var copy = ExecutedNotebooks.SolvedCopy(name);   // throws unless exactly one cell holds the knobs line
            Assert.Contains(ReaderChanges.Line(name)!, copy.ToJsonString(new System.Text.Json.JsonSerializerOptions
            {
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
        }
    }
}
