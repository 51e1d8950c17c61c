using System.Text.Json.Nodes;
using Cads.Cli.Commands;

namespace Cads.Tests.Notebooks;

/// <summary>
/// The reading-group formats (issue #16) in every notebook of notebooks/, read from the committed files: Japanese
/// subtitles, slide lines, the 要約, the exercises, and the README's slide map agreeing with the slide lines. A fixture
/// notebook that satisfies them all, and mutated copies that each break one rule, test the parser itself.
/// </summary>
public class NotebookFormatTests
{
    public static TheoryData<string> All() => new(ExecutedNotebooks.Names);

    /// <summary>The numbered notebooks 00-06: each teaches, so each has exercises.</summary>
    public static TheoryData<string> Numbered() => new(ExecutedNotebooks.Names.Where(n => NotebookFormat.Number(n) is not null));

    static NotebookCell[] Cells(string name) => NotebookFormat.Cells(Path.Combine(RepoPaths.Notebooks, name));

    static string Problems(string name, List<string> problems) => $"{name}:\n  " + string.Join("\n  ", problems);

    [Theory]
    [MemberData(nameof(All))]
    public void Every_heading_carries_a_Japanese_subtitle(string name)
    {
        var problems = NotebookFormat.HeadingProblems(Cells(name));
        Assert.True(problems.Count == 0, Problems(name, problems));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_section_names_the_deck_slides_it_follows(string name)
    {
        var problems = NotebookFormat.SlideProblems(Cells(name));
        Assert.True(problems.Count == 0, Problems(name, problems));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_Japanese_summary_is_the_second_cell_in_three_parts_with_no_typed_number(string name)
    {
        var problems = NotebookFormat.SummaryProblems(Cells(name));
        Assert.True(problems.Count == 0, Problems(name, problems));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Exercises_are_numbered_in_order_each_with_hint_solution_answer_and_check(string name)
    {
        var problems = NotebookFormat.ExerciseProblems(Cells(name), NotebookFormat.Number(name));
        Assert.True(problems.Count == 0, Problems(name, problems));
    }

    [Theory]
    [MemberData(nameof(Numbered))]
    public void A_teaching_notebook_has_two_or_three_exercises(string name) =>
        Assert.InRange(NotebookFormat.Exercises(Cells(name)).Count, 2, 3);

    [Fact]
    public void The_collection_has_at_least_fourteen_exercises() =>
        Assert.True(ExecutedNotebooks.Names.Sum(n => NotebookFormat.Exercises(Cells(n)).Count) >= 14);

    [Fact]
    public void The_slide_map_in_the_notebooks_README_agrees_with_the_sections_slide_lines_both_ways()
    {
        var map = NotebookFormat.SlideMap(File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "README.md")));
        var sections = ExecutedNotebooks.Names.ToDictionary(NotebookFormat.Key, n => NotebookFormat.SectionSlides(Cells(n)));
        var problems = NotebookFormat.SlideMapProblems(map, sections);
        Assert.True(problems.Count == 0, Problems("notebooks/README.md", problems));
    }

    // The fixture: a notebook that satisfies every format, and a README whose slide map matches it.
    static string FixtureFolder => Path.Combine(RepoPaths.Root, "tests", "Cads.Tests", "Notebooks", "Fixtures");
    const string FixtureName = "09-format-fixture.ipynb";

    static JsonNode Fixture() => JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder, FixtureName)))!;

    static string FixtureReadme() => File.ReadAllText(Path.Combine(FixtureFolder, "README-slide-map.md"));

    static List<string> AllProblems(JsonNode notebook, string readme)
    {
        var cells = NotebookFormat.Cells(notebook);
        var sections = new Dictionary<string, List<(string, int[])>> { [NotebookFormat.Key(FixtureName)] = NotebookFormat.SectionSlides(cells) };
        return
        [
            .. NotebookFormat.HeadingProblems(cells), .. NotebookFormat.SlideProblems(cells), .. NotebookFormat.SummaryProblems(cells),
            .. NotebookFormat.ExerciseProblems(cells, NotebookFormat.Number(FixtureName)),
            .. NotebookFormat.SlideMapProblems(NotebookFormat.SlideMap(readme), sections),
        ];
    }

    [Fact]
    public void The_fixture_satisfies_every_format()
    {
        var fixture = Fixture();
        var problems = AllProblems(fixture, FixtureReadme());
        Assert.True(problems.Count == 0, Problems(FixtureName, problems));
        var cells = NotebookFormat.Cells(fixture);
        Assert.Equal(["9.1", "9.2"], NotebookFormat.Exercises(cells).Select(e => e.Id));
        Assert.Equal([1, 2], NotebookFormat.Citations(cells));
        Assert.Equal(["The first section: 9", "A range and a list: 7,8,19", "Our own: "],
            NotebookFormat.SectionSlides(cells).Select(s => $"{s.Section}: {string.Join(",", s.Slides)}"));
        var map = NotebookFormat.SlideMap(FixtureReadme());
        Assert.Equal(Enumerable.Range(1, 20), map.Keys.Order());   // the table after the map is not part of it
        Assert.Empty(map[3]);
    }

    /// <summary>Each mutation breaks one rule in one fixture cell; the checks must say so.</summary>
    [Theory]
    [InlineData("first", "## The first section · 最初の節", "## The first section", "no Japanese subtitle")]
    [InlineData("range", "### A subsection · 小節", "### A subsection · small", "no Japanese subtitle")]
    [InlineData("title", " · 書式の見本", "", "no Japanese subtitle")]
    [InlineData("first", "*Deck: slide 9 · スライド 9*", "*Deck: slides 9 · スライド 9*", "not followed by a slide line")]
    [InlineData("first", "*Deck: slide 9 · スライド 9*", "*Deck: slide 9 · スライド 10*", "not followed by a slide line")]
    [InlineData("first", "*Deck: slide 9 · スライド 9*", "*Deck: slide 21 · スライド 21*", "not followed by a slide line")]
    [InlineData("first", "*Deck: slide 9 · スライド 9*", "Deck: slide 9 · スライド 9", "not followed by a slide line")]
    [InlineData("first", "*Deck: slide 9 · スライド 9*\n", "", "not followed by a slide line")]
    [InlineData("range", "slides 7–8, 19 · スライド 7–8, 19", "slides 7-8, 19 · スライド 7-8, 19", "not followed by a slide line")]
    [InlineData("range", "slides 7–8, 19 · スライド 7–8, 19", "slides 8–7 · スライド 8–7", "not followed by a slide line")]
    [InlineData("own", "スライド対応なし", "なし", "not followed by a slide line")]
    [InlineData("summary", "## 要約", "## Summary · 要約", "starting '## 要約'")]
    [InlineData("summary", "**どこを見るか。**", "**見る所。**", "three paragraphs")]
    [InlineData("summary", "\n\n**答え。**", " **答え。**", "three paragraphs")]
    [InlineData("summary", "見本は書式を満たす", "見本は 3 つの書式を満たす", "states a number")]
    [InlineData("summary", "見本は書式を満たす", "見本は３つの書式を満たす", "states a number")]
    [InlineData("summary", "（結果 1）", "(結果 1)", "states a number")]
    [InlineData("summary", "$\\tau_2$", "$\\tau_3$", "states a number")]
    [InlineData("summary", "（結果 1）。答えは計算から出る（結果 2）", "。答えは計算から出る", "cites no result")]
    [InlineData("ex2", "### Exercise 9.2 · 練習 9.2", "### Exercise 9.3 · 練習 9.3", "expected 9.2")]
    [InlineData("ex1", "**Hint · ヒント.** Count.", "Count.", "Hint · ヒント")]
    [InlineData("ex1", "<details><summary>Solution · 解答</summary>", "<details><summary>Solution</summary>", "folded solution")]
    [InlineData("ex1", "```\nTwo and two", "```\n```csharp\nvar y = 1;\n```\nTwo and two", "exactly one ```csharp")]
    [InlineData("ex1", "var answer9_1 = 2.0 + 2.0;", "double answer9_1 = 2.0 + 2.0;", "does not declare")]
    [InlineData("ex1", "var answer9_1 = 2.0 + 2.0;", "var answer9_1 = Exercises.NotAnswered;", "still holds the placeholder")]
    [InlineData("ex1-answer", "Exercises.NotAnswered", "0.0", "with a placeholder")]
    [InlineData("ex1-answer", "// Exercise 9.1 · your answer (あなたの答え)", "// your answer", "not an answer cell")]
    [InlineData("ex1-check", "\"9.1\", answer9_1", "\"9.2\", answer9_1", "is not Exercises.Check(\"9.1\"")]
    [InlineData("saw", "## What we saw · 結果", "## Seen · 見たもの", "does not follow 'What we saw'")]
    [InlineData("exercises", "## Exercises · 練習問題", "## Practice · 練習問題", "no '## Exercises · 練習問題' section")]
    public void A_fixture_that_breaks_one_rule_fails_it(string cellId, string find, string replace, string expected)
    {
        var fixture = Fixture();
        var cell = fixture["cells"]!.AsArray().Single(c => (string?)c!["id"] == cellId)!;
        var source = NotebookFormat.Text(cell["source"]);
        Assert.Contains(find, source);   // the mutation changes something
        cell["source"] = source.Replace(find, replace);

        var problems = AllProblems(fixture, FixtureReadme());
        Assert.Contains(problems, p => p.Contains(expected));
    }

    [Theory]
    [InlineData("| 19 | slide 19 | 09 · A range and a list |", "| 19 | slide 19 | — |", "does not list it")]
    [InlineData("| 10 | slide 10 | — |", "| 10 | slide 10 | 09 · The first section |", "does not name slide 10")]
    [InlineData("| 10 | slide 10 | — |", "| 10 | slide 10 | 09 · No such section |", "no section with a slide line")]
    [InlineData("| 10 | slide 10 | — |", "| 10 | slide 10 | 09 · Our own |", "does not name slide 10")]
    [InlineData("| 20 | slide 20 | — | |\n", "", "no row for slide(s) 20")]
    [InlineData("## Slide map · スライド対応表", "## The map", "no row for slide(s) 1, 2")]
    public void A_slide_map_that_disagrees_with_the_slide_lines_fails(string find, string replace, string expected)
    {
        var readme = FixtureReadme();
        Assert.Contains(find, readme);
        var problems = AllProblems(Fixture(), readme.Replace(find, replace));
        Assert.Contains(problems, p => p.Contains(expected));
    }

    [Fact]
    public void The_index_page_takes_the_slide_map_section_of_the_README_and_nothing_after_it()
    {
        var section = Cads.Cli.Notebooks.PageExporter.SlideMapSection(FixtureReadme())!;
        Assert.Contains("| 20 | slide 20 |", section);
        Assert.DoesNotContain("After the map", section);
        Assert.DoesNotContain("## Slide map", section);
        Assert.Null(Cads.Cli.Notebooks.PageExporter.SlideMapSection("# A README\n\nno map here\n"));
    }

    [Fact]
    public void Filling_in_the_solutions_replaces_each_answer_cell_by_its_solution_block()
    {
        var solved = NotebookFormat.Cells(NotebookFormat.WithSolutions(Fixture()));
        var answers = NotebookFormat.Exercises(solved).Select(e => e.Answer!.Source).ToList();
        Assert.Equal(["// Exercise 9.1 · your answer (あなたの答え)\nvar answer9_1 = 2.0 + 2.0;\n", "// Exercise 9.2 · your answer (あなたの答え)\nbool? answer9_2 = true;\n"], answers);
    }

    [Fact]
    public void The_What_we_saw_lines_are_counted_in_the_last_numbered_list_of_that_section()
    {
        var executed = Fixture();
        var cells = executed["cells"]!.AsArray();
        var saw = cells.Single(c => (string?)c!["id"] == "saw-code")!;
        JsonObject Html(string html) => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = html } };
        saw["outputs"] = new JsonArray(Html("<ol><li>a</li></ol>"), Html("<p>x</p><ol><li>one</li><li>two<br><span lang=\"ja\">二</span></li><li>three</li></ol>"));
        cells.Single(c => (string?)c!["id"] == "ex1-check")!["outputs"] = new JsonArray(Html("<ol><li>not in the section</li></ol>"));
        Assert.Equal(3, NotebookFormat.WhatWeSawLines(executed));
        Assert.Contains("<li>one", NotebookFormat.OutputText(executed, saw.GetElementIndex()));
    }
}
