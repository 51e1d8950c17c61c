using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Cads.Tests.Notebooks;

/// <summary>One cell of a notebook: its index, type ("markdown", "code") and source.</summary>
public sealed record NotebookCell(int Index, string Type, string Source);

/// <summary>A heading of level 1-3 in a markdown cell, and the line that follows it in that cell ("" when none).</summary>
public sealed record NotebookHeading(int Cell, int Level, string Text, string NextLine)
{
    /// <summary>The English part, before " · " (the whole text when there is no subtitle).</summary>
    public string English => (Text.LastIndexOf(" · ") is var at and >= 0 ? Text[..at] : Text).Trim();
}

/// <summary>An exercise as the notebook lays it out: its markdown cell, answer cell and check cell.</summary>
public sealed record NotebookExercise(string Id, NotebookCell Question, NotebookCell? Answer, NotebookCell? CheckCell, string? Solution);

/// <summary>
/// The reading-group formats of issue #16, parsed from a notebook's cells (headings with a Japanese subtitle, slide lines,
/// the 要約 cell, exercises) and checked: each check returns the problems it found, empty when the format holds. One
/// parser for every format test, so a fixture and a real notebook are judged alike.
/// </summary>
public static partial class NotebookFormat
{
    public static NotebookCell[] Cells(string path) => Cells(JsonNode.Parse(File.ReadAllText(path))!);

    public static NotebookCell[] Cells(JsonNode notebook) =>
        notebook["cells"]!.AsArray().Select((c, i) => new NotebookCell(i, (string)c!["cell_type"]!, Text(c["source"]))).ToArray();

    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };

    /// <summary>The notebook's number from its file name: "01-x.ipynb" → 1; null for an unnumbered one (the glossary).</summary>
    public static int? Number(string fileName) =>
        LeadingNumber().Match(Path.GetFileName(fileName)) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    /// <summary>The key a slide map uses for a notebook: "01" for 01-x.ipynb, else the file name without extension.</summary>
    public static string Key(string fileName)
    {
        var name = Path.GetFileNameWithoutExtension(fileName);
        return LeadingNumber().Match(name) is { Success: true } m ? m.Groups[1].Value : name;
    }

    /// <summary>Hiragana, katakana or kanji.</summary>
    public static bool IsJapanese(string text) => JapaneseChar().IsMatch(text);

    /// <summary>Every heading of level 1-3 in the markdown cells, fenced code and &lt;details&gt; solutions' code left out.</summary>
    public static List<NotebookHeading> Headings(NotebookCell[] cells)
    {
        var headings = new List<NotebookHeading>();
        foreach (var cell in cells.Where(c => c.Type == "markdown"))
        {
            var lines = cell.Source.Split('\n');
            var fenced = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```")) { fenced = !fenced; continue; }
                if (fenced || HeadingLine().Match(lines[i]) is not { Success: true } m) continue;
                headings.Add(new NotebookHeading(cell.Index, m.Groups[1].Length, m.Groups[2].Value.Trim(), i + 1 < lines.Length ? lines[i + 1].TrimEnd() : ""));
            }
        }
        return headings;
    }

    /// <summary>Format 1: every heading of level 1-3 ends with " · " and a Japanese subtitle (a 要約 heading is Japanese already).</summary>
    public static List<string> HeadingProblems(NotebookCell[] cells) =>
        Headings(cells)
            .Where(h => !h.Text.StartsWith("要約"))
            .Where(h => h.Text.LastIndexOf(" · ") is var at && (at < 0 || !IsJapanese(h.Text[at..])))
            .Select(h => $"cell {h.Cell}: heading '{h.Text}' has no Japanese subtitle after ' · '")
            .ToList();

    /// <summary>The `##` sections exempt from a slide line: the summary, What we saw, Exercises.</summary>
    public static bool IsExemptFromSlides(NotebookHeading h) =>
        h.Text.StartsWith("要約") || h.English is "What we saw" or "Exercises";

    /// <summary>The slides a slide line names; empty for "none"; null when the line is not a slide line.</summary>
    public static int[]? SlidesOf(string line)
    {
        if (line == NoSlides) return [];
        if (SlideLine().Match(line) is not { Success: true } m || m.Groups["en"].Value != m.Groups["ja"].Value) return null;
        var list = m.Groups["en"].Value;
        var single = !list.Contains(',') && !list.Contains('–');
        if ((m.Groups["word"].Value == "slide") != single) return null;   // "slide 9", "slides 7–8", "slides 4, 15"
        var slides = new List<int>();
        foreach (var part in list.Split(", "))
        {
            var ends = part.Split('–').Select(int.Parse).ToArray();
            if (ends.Length == 2 && ends[0] >= ends[1]) return null;
            for (var s = ends[0]; s <= ends[^1]; s++) slides.Add(s);
        }
        return slides.Any(s => s is < 1 or > DeckSlides) ? null : slides.ToArray();
    }

    public const int DeckSlides = 20;
    public const string NoSlides = "*Deck: none, this collection's own · スライド対応なし*";

    /// <summary>Format 2: the line right after each `##` heading (exempt ones aside) is a slide line.</summary>
    public static List<string> SlideProblems(NotebookCell[] cells) =>
        Headings(cells).Where(h => h.Level == 2 && !IsExemptFromSlides(h) && SlidesOf(h.NextLine) is null)
            .Select(h => $"cell {h.Cell}: section '{h.Text}' is not followed by a slide line (got '{h.NextLine}')")
            .ToList();

    /// <summary>Each `##` section that carries a slide line, with the slides it names (empty for "none").</summary>
    public static List<(string Section, int[] Slides)> SectionSlides(NotebookCell[] cells) =>
        Headings(cells).Where(h => h.Level == 2 && !IsExemptFromSlides(h))
            .Select(h => (h.English, SlidesOf(h.NextLine)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.English, p.Item2!))
            .ToList();

    public static readonly string[] SummaryParts = ["**何を示すか。**", "**どこを見るか。**", "**答え。**"];

    /// <summary>The 要約 cell: the cell right after the title cell.</summary>
    public static NotebookCell? Summary(NotebookCell[] cells) => cells.Length > 1 ? cells[1] : null;

    /// <summary>The result lines the 要約 cites, （結果 n）, in order.</summary>
    public static List<int> Citations(NotebookCell[] cells) =>
        Summary(cells) is { } s ? Citation().Matches(s.Source).Select(m => int.Parse(m.Groups[1].Value)).ToList() : [];

    /// <summary>
    /// Format 3: cell 1 is markdown, starts with `## 要約`, has the three parts as paragraphs in order, cites at least one
    /// result in its answer, and has no digit outside citations, slide and notebook references and τ1 τ2.
    /// </summary>
    public static List<string> SummaryProblems(NotebookCell[] cells)
    {
        var problems = new List<string>();
        if (cells.Length == 0 || cells[0].Type != "markdown" || !cells[0].Source.StartsWith("# "))
            problems.Add("cell 0 is not the title cell (markdown starting '# ')");
        if (Summary(cells) is not { Type: "markdown" } summary || !summary.Source.StartsWith("## 要約"))
            return [.. problems, "cell 1 is not a markdown cell starting '## 要約'"];
        var paragraphs = Regex.Split(summary.Source.Trim(), @"\n\s*\n").Select(p => p.Trim()).ToList();
        var at = paragraphs.Select(p => Array.FindIndex(SummaryParts, p.StartsWith)).Where(i => i >= 0).ToList();
        if (!at.SequenceEqual([0, 1, 2]))
            problems.Add($"the 要約 needs three paragraphs starting {string.Join(", ", SummaryParts)}, in that order");
        var answer = paragraphs.FirstOrDefault(p => p.StartsWith(SummaryParts[2])) ?? "";
        if (!Citation().IsMatch(answer)) problems.Add("the 要約's answer cites no result （結果 n）");
        if (Citation().Matches(summary.Source).Any(m => int.Parse(m.Groups[1].Value) < 1)) problems.Add("a citation （結果 0）");
        var rest = AllowedNumbers().Replace(summary.Source, "");
        if (rest.FirstOrDefault(char.IsDigit) is var d && d != default)
            problems.Add($"the 要約 states a number ('{d}' in '{rest.Trim()[..Math.Min(rest.Trim().Length, 400)]}'); numbers are allowed only in （結果 n）, スライド n, ノートブック 0n and τ1 τ2");
        return problems;
    }

    /// <summary>The exercises, in order: each `### Exercise N.M · 練習 N.M` cell with the two code cells after it.</summary>
    public static List<NotebookExercise> Exercises(NotebookCell[] cells)
    {
        var exercises = new List<NotebookExercise>();
        foreach (var cell in cells.Where(c => c.Type == "markdown"))
        {
            if (ExerciseHeading().Match(cell.Source) is not { Success: true } m) continue;
            NotebookCell? Code(int i) => i < cells.Length && cells[i].Type == "code" ? cells[i] : null;
            var solution = SolutionBlock().Match(cell.Source);
            exercises.Add(new NotebookExercise(m.Groups[1].Value, cell, Code(cell.Index + 1), Code(cell.Index + 2),
                solution.Success ? solution.Groups[1].Value : null));
        }
        return exercises;
    }

    public static string AnswerVariable(string id) => "answer" + id.Replace('.', '_');

    /// <summary>The placeholder declarations an answer cell may start with, for exercise <paramref name="id"/>.</summary>
    public static string[] Placeholders(string id)
    {
        var v = AnswerVariable(id);
        return [$"var {v} = Exercises.NotAnswered;", $"Tensor? {v} = null;", $"bool? {v} = null;", $"int? {v} = null;"];
    }

    /// <summary>
    /// Format 4: exercises numbered N.1, N.2, ... (N the notebook's number), each with a hint, a folded solution holding
    /// exactly one csharp block that declares the answer, an answer cell with the placeholder, a check cell calling
    /// Exercises.Check with its id and answer; all inside `## Exercises · 練習問題`, after What we saw.
    /// </summary>
    public static List<string> ExerciseProblems(NotebookCell[] cells, int? number)
    {
        var problems = new List<string>();
        var exercises = Exercises(cells);
        if (exercises.Count == 0) return problems;
        var headings = Headings(cells).Where(h => h.Level == 2).ToList();
        var section = headings.FindIndex(h => h.Text == "Exercises · 練習問題");
        var saw = headings.FindIndex(h => h.English == "What we saw");
        if (section < 0) problems.Add("exercises but no '## Exercises · 練習問題' section");
        else if (saw < 0 || saw > section) problems.Add("the Exercises section does not follow 'What we saw'");
        var start = section < 0 ? int.MaxValue : headings[section].Cell;
        var end = section >= 0 && section + 1 < headings.Count ? headings[section + 1].Cell : int.MaxValue;
        for (var k = 0; k < exercises.Count; k++)
        {
            var e = exercises[k];
            var expected = $"{number}.{k + 1}";
            var where = $"exercise {e.Id} (cell {e.Question.Index})";
            if (e.Id != expected) problems.Add($"{where}: numbered {e.Id}, expected {expected}");
            if (e.Question.Index < start || e.Question.Index >= end) problems.Add($"{where}: outside the Exercises section");
            if (!e.Question.Source.Contains("**Hint · ヒント.**")) problems.Add($"{where}: no '**Hint · ヒント.**' line");
            if (!e.Question.Source.Contains("<details><summary>Solution · 解答</summary>") || !e.Question.Source.Contains("</details>"))
                problems.Add($"{where}: no folded solution <details><summary>Solution · 解答</summary> … </details>");
            var details = Regex.Match(e.Question.Source, @"<details>(.*?)</details>", RegexOptions.Singleline).Groups[1].Value;
            var blocks = Regex.Matches(details, @"^```", RegexOptions.Multiline).Count;
            var csharp = Regex.Matches(details, @"^```csharp\s*$", RegexOptions.Multiline).Count;
            if (csharp != 1 || blocks != 2) problems.Add($"{where}: the solution must hold exactly one ```csharp block (found {csharp} csharp, {blocks / 2} blocks)");
            var placeholder = Placeholders(e.Id).FirstOrDefault(p => e.Answer?.Source.Contains(p) == true);
            if (e.Answer is null || !e.Answer.Source.StartsWith($"// Exercise {e.Id} · your answer (あなたの答え)"))
                problems.Add($"{where}: the next cell is not an answer cell starting '// Exercise {e.Id} · your answer (あなたの答え)'");
            else if (placeholder is null)
                problems.Add($"{where}: the answer cell does not declare {AnswerVariable(e.Id)} with a placeholder ({string.Join(" | ", Placeholders(e.Id))})");
            if (placeholder is not null && e.Solution is { } solution)
            {
                var declaration = placeholder[..placeholder.IndexOf('=')];
                if (!solution.Contains(declaration)) problems.Add($"{where}: the solution does not declare '{declaration.Trim()}' like the answer cell");
                if (solution.Contains(placeholder)) problems.Add($"{where}: the solution still holds the placeholder");
            }
            if (e.CheckCell is null || !Regex.IsMatch(e.CheckCell.Source, $@"Exercises\.Check\(""{Regex.Escape(e.Id)}"",\s*{AnswerVariable(e.Id)}\b"))
                problems.Add($"{where}: the cell after the answer is not Exercises.Check(\"{e.Id}\", {AnswerVariable(e.Id)}, …)");
        }
        return problems;
    }

    /// <summary>The notebook with every answer cell replaced by its solution block (the check's test run).</summary>
    public static JsonNode WithSolutions(JsonNode notebook)
    {
        var copy = notebook.DeepClone();
        var cells = copy["cells"]!.AsArray();
        foreach (var e in Exercises(Cells(copy)).Where(e => e is { Answer: not null, Solution: not null }))
            cells[e.Answer!.Index]!["source"] = e.Solution!;
        return copy;
    }

    /// <summary>
    /// The slide map of a README: the table under the heading "## Slide map" (up to the next `##`), a row per slide,
    /// its third column the sections that follow it, "KEY · English heading" joined by &lt;br&gt; (KEY: 01, glossary).
    /// Other text in that column (title / bibliography / references, —) names no section.
    /// </summary>
    public static Dictionary<int, List<(string Key, string Section)>> SlideMap(string readme)
    {
        var map = new Dictionary<int, List<(string, string)>>();
        var inMap = false;
        foreach (var line in readme.Split('\n'))
        {
            if (line.StartsWith("## ")) inMap = line.StartsWith("## Slide map");
            if (!inMap || !line.StartsWith('|')) continue;
            var columns = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (columns.Length < 3 || !int.TryParse(columns[0], out var slide)) continue;
            map[slide] = columns[2].Split("<br>").Select(e => MapEntry().Match(e.Trim()))
                .Where(m => m.Success).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim())).ToList();
        }
        return map;
    }

    /// <summary>
    /// The slide map against the notebooks' slide lines, both ways: a row for each slide 1..20, every slide a section
    /// names listed in that slide's row, every entry of a row naming a section that names that slide.
    /// </summary>
    public static List<string> SlideMapProblems(Dictionary<int, List<(string Key, string Section)>> map,
        IReadOnlyDictionary<string, List<(string Section, int[] Slides)>> notebooks)
    {
        var problems = new List<string>();
        var missing = Enumerable.Range(1, DeckSlides).Where(s => !map.ContainsKey(s)).ToList();
        if (missing.Count > 0) problems.Add($"the slide map has no row for slide(s) {string.Join(", ", missing)}");
        foreach (var (key, sections) in notebooks)
            foreach (var (section, slides) in sections)
                foreach (var slide in slides.Where(s => !(map.GetValueOrDefault(s)?.Contains((key, section)) ?? false)))
                    problems.Add($"{key} · {section} names slide {slide}, but the slide map's row {slide} does not list it");
        foreach (var (slide, entries) in map)
            foreach (var (key, section) in entries)
            {
                var named = notebooks.GetValueOrDefault(key)?.Where(s => s.Section == section).ToList();
                if (named is null || named.Count == 0) problems.Add($"slide {slide} lists {key} · {section}, which is no section with a slide line");
                else if (!named.Any(s => s.Slides.Contains(slide))) problems.Add($"slide {slide} lists {key} · {section}, which does not name slide {slide}");
            }
        return problems;
    }

    /// <summary>
    /// How many lines the executed notebook's final "What we saw" list has: the &lt;li&gt; of the last &lt;ol&gt; in the
    /// last output holding one, among the cells of the What we saw section; null when there is none.
    /// </summary>
    public static int? WhatWeSawLines(JsonNode executed)
    {
        var cells = Cells(executed);
        var headings = Headings(cells).Where(h => h.Level == 2).ToList();
        var at = headings.FindIndex(h => h.English == "What we saw");
        if (at < 0) return null;
        var end = at + 1 < headings.Count ? headings[at + 1].Cell : cells.Length;
        var html = executed["cells"]!.AsArray().Skip(headings[at].Cell).Take(end - headings[at].Cell)
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => Text(o!["data"]?["text/html"]))
            .LastOrDefault(h => h.Contains("<ol>"));
        if (html is null) return null;
        var list = html[html.LastIndexOf("<ol>")..];
        var close = list.IndexOf("</ol>");
        return Regex.Matches(close < 0 ? list : list[..close], "<li>").Count;
    }

    /// <summary>Each outputs' text (html and plain) of a code cell of an executed notebook, joined.</summary>
    public static string OutputText(JsonNode executed, int cell) =>
        string.Join("\n", (executed["cells"]![cell]!["outputs"]?.AsArray() ?? []).Select(o =>
            Text(o!["data"]?["text/html"]) + Text(o["data"]?["text/plain"]) + Text(o["text"])));

    [GeneratedRegex(@"^(\d\d|[a-z][a-z-]*) · (.+)$")]
    private static partial Regex MapEntry();

    [GeneratedRegex(@"^(\d+)-")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex JapaneseChar();

    [GeneratedRegex(@"^(#{1,3}) (.+)$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\*Deck: (?<word>slides?) (?<en>\d+(–\d+)?(, \d+(–\d+)?)*) · スライド (?<ja>\d+(–\d+)?(, \d+(–\d+)?)*)\*$")]
    private static partial Regex SlideLine();

    [GeneratedRegex(@"（結果 (\d+)）")]
    private static partial Regex Citation();

    // What a 要約 may hold with digits: citations, slide and notebook references, τ1 τ2 (plain or TeX).
    [GeneratedRegex(@"（結果 \d+）|スライド\s?\d+(\s?[–-]\s?\d+)?(\s?[,、]\s?\d+(\s?[–-]\s?\d+)?)*|ノートブック\s?0\d|τ_?[12]|\\tau_\{?[12]\}?")]
    private static partial Regex AllowedNumbers();

    [GeneratedRegex(@"\A### Exercise (\d+\.\d+) · 練習 \1\b")]
    private static partial Regex ExerciseHeading();

    [GeneratedRegex(@"<details><summary>Solution · 解答</summary>.*?^```csharp\s*\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex SolutionBlock();
}
