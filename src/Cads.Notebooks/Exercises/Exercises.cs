using System.Globalization;
using System.Net;
using static TorchSharp.torch;

namespace Cads.Notebooks;

/// <summary>Where a reader's answer to an exercise stands.</summary>
public enum ExerciseStatus
{
    /// <summary>The answer cell still holds its placeholder.</summary>
    NotAnswered,

    /// <summary>The answer agrees with the value the notebook computes.</summary>
    Correct,

    /// <summary>An answer is there but it does not agree (yet).</summary>
    NotYet,
}

/// <summary>The verdict on one exercise, as the check cell shows it.</summary>
/// <param name="Id">The exercise's number, "1.2".</param>
/// <param name="Message">What the reader reads: right, not answered yet, or how far off.</param>
public sealed record ExerciseResult(string Id, ExerciseStatus Status, string Message)
{
    /// <summary>The text a run's output carries for an unanswered exercise; the tests look for it.</summary>
    public const string NotAnsweredText = "not answered yet";

    /// <summary>The text of a correct answer.</summary>
    public const string CorrectText = "correct";

    /// <summary>One line, coloured by status.</summary>
    public string ToHtml()
    {
        var colour = Status switch
        {
            ExerciseStatus.Correct => "#2a7a2a",
            ExerciseStatus.NotYet => "#b35900",
            _ => "#555555",
        };
        return $"<p style=\"color:{colour}\"><b>Exercise {WebUtility.HtmlEncode(Id)} · 練習 {WebUtility.HtmlEncode(Id)}</b>: {WebUtility.HtmlEncode(Message)}</p>";
    }

    /// <inheritdoc/>
    public override string ToString() => $"Exercise {Id}: {Message}";
}

/// <summary>
/// Exercises with answers a notebook can check: the reader replaces a placeholder in an answer cell
/// (<see cref="NotAnswered"/> for a number, null for a tensor, a flag or a choice), and the check cell compares it with
/// a value the notebook computes another way. A check never throws: an unanswered exercise says so, a wrong one says
/// how far off it is, so a run of the notebook with no answers written passes.
/// </summary>
public static class Exercises
{
    /// <summary>The placeholder of a numeric answer.</summary>
    public const double NotAnswered = double.NaN;

    /// <summary>A numeric answer: correct when |answer - expected| &lt;= tolerance (absolute) or relative to |expected|.</summary>
    public static ExerciseResult Check(string id, double answer, double expected, double tolerance = 1e-6)
    {
        RequireTolerance(tolerance);
        if (double.IsNaN(answer)) return Unanswered(id);
        var off = Math.Abs(answer - expected);
        return off <= tolerance * Math.Max(1, Math.Abs(expected))
            ? Right(id, $"{answer.ToString("G6", CultureInfo.InvariantCulture)} is right")
            : Wrong(id, $"{answer.ToString("G6", CultureInfo.InvariantCulture)} is {(answer > expected ? "too high" : "too low")}; look at the hint");
    }

    /// <summary>A tensor answer: correct when it has the expected shape and every entry is within tolerance.</summary>
    public static ExerciseResult Check(string id, Tensor? answer, Tensor expected, double tolerance = 1e-5)
    {
        RequireTolerance(tolerance);
        if (answer is null) return Unanswered(id);
        if (!answer.shape.SequenceEqual(expected.shape))
            return Wrong(id, $"the shape is [{string.Join(", ", answer.shape)}]; expected [{string.Join(", ", expected.shape)}]");
        using var scope = NewDisposeScope();
        var largest = (answer.to(ScalarType.Float64).to(expected.device) - expected.to(ScalarType.Float64)).abs().max().item<double>();
        var scale = Math.Max(1, expected.to(ScalarType.Float64).abs().max().item<double>());
        return largest <= tolerance * scale
            ? Right(id, $"every entry agrees (largest difference {largest:E1})")
            : Wrong(id, double.IsNaN(largest) ? "the answer has NaN entries" : $"the largest difference is {largest:G3}; look at the hint");
    }

    /// <summary>A yes/no answer.</summary>
    public static ExerciseResult Check(string id, bool? answer, bool expected) =>
        answer is not { } given ? Unanswered(id)
        : given == expected ? Right(id, $"{(given ? "yes" : "no")} is right")
        : Wrong(id, $"{(given ? "yes" : "no")} is not what the outputs show; look at them again");

    /// <summary>A whole-number answer (a count, or the number of a choice).</summary>
    public static ExerciseResult Check(string id, int? answer, int expected) =>
        answer is not { } given ? Unanswered(id)
        : given == expected ? Right(id, $"{given} is right")
        : Wrong(id, $"{given} is {(given > expected ? "too high" : "too low")}; look at the hint");

    static void RequireTolerance(double tolerance)
    {
        // A mistake of the notebook's author, not the reader's: it may throw.
        if (!(tolerance > 0 && double.IsFinite(tolerance)))
            throw new ArgumentException($"tolerance must be finite and > 0; got {tolerance}", nameof(tolerance));
    }

    static ExerciseResult Unanswered(string id) =>
        new(id, ExerciseStatus.NotAnswered, $"{ExerciseResult.NotAnsweredText} (未回答): write your answer in the cell above and run both cells");

    static ExerciseResult Right(string id, string why) => new(id, ExerciseStatus.Correct, $"{ExerciseResult.CorrectText} (正解): {why}");

    static ExerciseResult Wrong(string id, string why) => new(id, ExerciseStatus.NotYet, $"not yet (もう一度): {why}");
}
