using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cads.IO;
using static TorchSharp.torch;

namespace Cads.Evaluation;

/// <summary>
/// A sweep's folder: results.json (the settings and every finished cell), results.md (the table, means over seeds
/// with their 95% interval when there are several), and features/*.csv (each cell's features, and each world's
/// reference, one row per sample: label, then the values) from which anyone can recompute the metrics.
/// Every file is replaced atomically, a cell's features before its result, so a result always has its features.
/// </summary>
public sealed class EvaluationStore
{
    readonly List<CellResult> _results = [];
    readonly string _settings;

    public string Folder { get; }
    public string JsonPath => Path.Combine(Folder, "results.json");
    public string MarkdownPath => Path.Combine(Folder, "results.md");
    public string FeaturesFolder => Path.Combine(Folder, "features");
    public IReadOnlyList<CellResult> Results => _results;

    /// <summary>Opens <paramref name="folder"/>, reading results.json if it exists, to resume a sweep with the same settings.</summary>
    /// <param name="folder">The sweep's folder (created when the first cell is saved).</param>
    /// <param name="settings">A description of everything that changes a cell's numbers (sizes, sampler, CADS, models).</param>
    /// <exception cref="InvalidDataException">results.json exists but is unreadable, or was made with other settings.</exception>
    public EvaluationStore(string folder, string settings)
    {
        Folder = Path.GetFullPath(folder);
        _settings = settings;
        if (!File.Exists(JsonPath)) return;
        JsonNode root;
        try { root = JsonNode.Parse(File.ReadAllText(JsonPath)) ?? throw new JsonException("empty"); }
        catch (JsonException e) { throw new InvalidDataException($"{JsonPath} is not valid JSON ({e.Message}); delete it to start over.", e); }
        var previous = root["settings"]?.GetValue<string>();
        if (previous != settings)
            throw new InvalidDataException(
                $"{JsonPath} was made with other settings, so its cells cannot be reused.\n  there: {previous}\n  now:   {settings}\n" +
                "Choose another --out folder or delete that one.");
        foreach (var cell in root["cells"]!.AsArray())
            _results.Add(new CellResult(cell!["world"]!.GetValue<string>(), cell["method"]!.GetValue<string>(), cell["w"]!.GetValue<double>(),
                cell["seed"]!.GetValue<long>(), cell["metrics"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()),
                cell["seconds"]!.GetValue<double>()));
    }

    public bool Has(string world, string method, double w, long seed) => _results.Any(r => r.Is(world, method, w, seed));

    /// <summary>Saves a cell: its features CSV, then results.json and results.md.</summary>
    public void Add(string world, string method, double w, long seed, CellOutcome outcome, double seconds)
    {
        WriteCsv(Path.Combine(FeaturesFolder, CellResult.Stem(world, method, w, seed) + ".csv"), outcome.Features, outcome.Labels);
        _results.RemoveAll(r => r.Is(world, method, w, seed));
        _results.Add(new CellResult(world, method, w, seed, outcome.Metrics, seconds));
        Save();
    }

    /// <summary>Saves a world's reference features (or points) as features/{world}-reference.csv.</summary>
    public void SaveReference(string world, Tensor features, Tensor labels) =>
        WriteCsv(Path.Combine(FeaturesFolder, $"{world}-reference.csv"), features, labels);

    void Save()
    {
        var root = new JsonObject
        {
            ["settings"] = _settings,
            ["cells"] = new JsonArray(_results.Select(r => (JsonNode)new JsonObject
            {
                ["world"] = r.World, ["method"] = r.Method, ["w"] = r.W, ["seed"] = r.Seed,
                ["metrics"] = new JsonObject(r.Metrics.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["seconds"] = Math.Round(r.Seconds, 2),
            }).ToArray()),
        };
        var json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.Write(JsonPath, s => s.Write(Encoding.UTF8.GetBytes(json)));
        AtomicFile.Write(MarkdownPath, s => s.Write(Encoding.UTF8.GetBytes(Markdown())));
    }

    /// <summary>One table per world: a row per (method, w), a column per metric, mean over seeds ± its 95% interval (<see cref="Estimate"/>).</summary>
    public string Markdown()
    {
        var text = new StringBuilder($"# cads eval\n\nSettings: {_settings}\n\nw is uncond-based (1 = plain conditional). Mean over seeds, ± the half-width of its 95% Student-t interval when there are several.\n");
        foreach (var world in _results.Select(r => r.World).Distinct())
        {
            var cells = _results.Where(r => r.World == world).ToList();
            var metrics = cells.SelectMany(r => r.Metrics.Keys).Distinct().ToList();
            text.Append($"\n## {world}\n\n| method | w | seeds | {string.Join(" | ", metrics)} |\n|{string.Concat(Enumerable.Repeat(" --- |", 3 + metrics.Count))}\n");
            foreach (var group in cells.GroupBy(r => (r.Method, r.W)))
            {
                var runs = group.ToList();
                var columns = metrics.Select(m => Summary(runs.Where(r => r.Metrics.ContainsKey(m)).Select(r => r.Metrics[m]).ToList()));
                text.Append($"| {group.Key.Method} | {group.Key.W.ToString(CultureInfo.InvariantCulture)} | {runs.Count} | {string.Join(" | ", columns)} |\n");
            }
        }
        return text.ToString();
    }

    static string Summary(List<double> values)
    {
        if (values.Count == 0) return "";
        var estimate = Estimate.Of(values);
        if (values.Count == 1) return estimate.Mean.ToString("G4", CultureInfo.InvariantCulture);
        return $"{estimate.Mean.ToString("G4", CultureInfo.InvariantCulture)} ± {estimate.HalfWidth.ToString("G2", CultureInfo.InvariantCulture)}";
    }

    static void WriteCsv(string path, Tensor features, Tensor labels)
    {
        var values = features.to(ScalarType.Float64).cpu().data<double>().ToArray();
        var classes = labels.cpu().data<long>().ToArray();
        var width = (int)features.shape[1];
        var text = new StringBuilder("label," + string.Join(",", Enumerable.Range(0, width).Select(j => $"f{j}")) + "\n");
        for (var i = 0; i < classes.Length; i++)
        {
            text.Append(classes[i].ToString(CultureInfo.InvariantCulture));
            for (var j = 0; j < width; j++) text.Append(',').Append(values[i * width + j].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        AtomicFile.Write(path, s => s.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
