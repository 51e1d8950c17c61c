using Cads.Notebooks;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Notebooks;

/// <summary>An exercise check never throws on a reader's answer: it says unanswered, correct or how far off.</summary>
public class ExercisesTests
{
    [Fact]
    public void A_number_is_right_within_tolerance_and_says_which_way_it_is_off()
    {
        Assert.Equal(ExerciseStatus.NotAnswered, Exercises.Check("1.1", Exercises.NotAnswered, 7).Status);
        Assert.Contains(ExerciseResult.NotAnsweredText, Exercises.Check("1.1", Exercises.NotAnswered, 7).Message);
        Assert.Equal(ExerciseStatus.Correct, Exercises.Check("1.1", 7 + 5e-6, 7, 1e-6).Status);   // relative to |7|
        var high = Exercises.Check("1.1", 7.1, 7, 1e-6);
        Assert.Equal(ExerciseStatus.NotYet, high.Status);
        Assert.Contains("too high", high.Message);
        Assert.Contains("too low", Exercises.Check("1.1", -7, 7).Message);
        Assert.Equal(ExerciseStatus.NotYet, Exercises.Check("1.1", double.PositiveInfinity, 7).Status);
    }

    [Fact]
    public void A_tensor_must_have_the_shape_and_every_entry()
    {
        CadsRuntime.Init();
        using var scope = NewDisposeScope();
        var expected = tensor(new[] { 1.0, 2.0, 3.0 }, device: CadsRuntime.Device);
        Assert.Equal(ExerciseStatus.NotAnswered, Exercises.Check("2.1", null, expected).Status);
        Assert.Equal(ExerciseStatus.Correct, Exercises.Check("2.1", expected.to(ScalarType.Float32) + 1e-7f, expected).Status);
        var wrongEntry = Exercises.Check("2.1", tensor(new[] { 1.0, 2.5, 3.0 }, device: CadsRuntime.Device), expected);
        Assert.Equal(ExerciseStatus.NotYet, wrongEntry.Status);
        Assert.Contains("0.5", wrongEntry.Message);
        Assert.Contains("shape", Exercises.Check("2.1", zeros(3, 1, ScalarType.Float64), expected).Message);
        Assert.Contains("NaN", Exercises.Check("2.1", tensor(new[] { 1.0, double.NaN, 3.0 }), expected).Message);
    }

    [Fact]
    public void Flags_and_counts_compare_exactly()
    {
        Assert.Equal(ExerciseStatus.NotAnswered, Exercises.Check("3.1", (bool?)null, true).Status);
        Assert.Equal(ExerciseStatus.Correct, Exercises.Check("3.1", true, true).Status);
        Assert.Equal(ExerciseStatus.NotYet, Exercises.Check("3.1", false, true).Status);
        Assert.Equal(ExerciseStatus.NotAnswered, Exercises.Check("3.2", (int?)null, 4).Status);
        Assert.Equal(ExerciseStatus.Correct, Exercises.Check("3.2", 4, 4).Status);
        Assert.Contains("too low", Exercises.Check("3.2", 3, 4).Message);
    }

    [Fact]
    public void The_line_names_the_exercise_in_both_languages_and_escapes_html()
    {
        var html = Exercises.Check("<1>", 1.0, 2).ToHtml();
        Assert.Contains("Exercise &lt;1&gt; · 練習 &lt;1&gt;", html);
        Assert.Contains("#b35900", html);
        Assert.Equal("tolerance", Assert.Throws<ArgumentException>(() => Exercises.Check("1", 1.0, 1, 0)).ParamName);
    }
}
