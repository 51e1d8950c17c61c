using System.Globalization;
using System.Text.Json.Nodes;
using Cads.Cli.Commands;
using Cads.Data;
using Cads.Evaluation;
using Cads.Guidance;
using Cads.ImageWorld;
using Cads.Metrics;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Evaluation;

public class EvaluationTests
{
    static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CadsCommand.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--size|huge", "--size must be quick or large")]
    [InlineData("--world|moon", "--world must be images, 2d or both")]
    [InlineData("--weights|4,x", "--weights must be a comma-separated list of numbers in [0, 100]; got 'x'")]
    [InlineData("--methods|cfg,magic", "--methods 'magic': method must be one of conditional, cfg, dynamic-cfg, cads, cads+dynamic-cfg, interval, linear-cfg, cosine-cfg, autoguidance, autoguidance+cads")]
    [InlineData("--per-class|2", "--per-class must be a whole number in [4, 6000]")]
    [InlineData("--seeds|0", "--seeds must be a whole number in [1, 100]")]
    [InlineData("--tau1|0.9|--tau2|0.5", "--tau1 must be <= --tau2")]
    public async Task Bad_eval_arguments_exit_2_with_a_message_naming_the_option(string args, string expected)
    {
        var (code, _, error) = await Run(["eval", .. args.Split('|')]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void A_sweeps_Autoguidance_cells_are_guided_by_their_worlds_weak_model()
    {
        using var folder = new TempFolder();
        using var twoD = new TwoDEvaluation(10);
        var store = new EvaluationStore(folder.Path, "test");
        var sweep = new EvaluationSweep(store, null, ImageEvaluation.Baseline, twoD, TwoDEvaluation.Baseline);
        var cell = new SweepCell(EvaluationSweep.TwoDWorld, GuidanceMethod.AutoguidanceCads, 3, 2);
        Assert.Equal(GuidanceMethod.AutoguidanceCads.Apply(TwoDEvaluation.Baseline, 3, guide: twoD.Guide).WithSeed(2), sweep.RunOf(cell));
        Assert.Same(twoD.Guide, sweep.RunOf(cell).Guide);
        Assert.Equal(GuidanceSchedule.Linear, sweep.RunOf(cell with { Method = GuidanceMethod.LinearCfg }).WeightSchedule);
        // The image world here has no evaluation, so no guide: the cell is refused by name.
        var e = Assert.Throws<ArgumentException>(() => sweep.RunOf(cell with { World = EvaluationSweep.ImageWorld }));
        Assert.Equal("guide", e.ParamName);
    }

    [Fact]
    public async Task A_2d_sweep_writes_results_and_features_that_recompute_its_metrics_and_resumes()
    {
        using var folder = new TempFolder();
        string[] args = ["eval", "--world", "2d", "--per-class-2d", "200", "--steps-2d", "100", "--weights-2d", "8", "--methods", "cfg,cads", "--out", folder.Path];
        var (code, output, error) = await Run(args);
        Assert.True(code == 0, error);
        var json = File.ReadAllText(Path.Combine(folder.Path, "results.json"));
        var cells = JsonNode.Parse(json)!["cells"]!.AsArray();
        Assert.Equal(2, cells.Count);
        double Metric(string method, string name) => cells.Single(c => c!["method"]!.GetValue<string>() == method)!["metrics"]![name]!.GetValue<double>();
        // The exact world at w = 8 (the 2-D tests' measured pattern): CFG loses minor modes, CADS keeps them all.
        Assert.True(Metric("cfg", "coverage") < 0.5 && Metric("cads", "coverage") == 1, output);
        Assert.Contains("| cads | 8 | 1 |", File.ReadAllText(Path.Combine(folder.Path, "results.md")));

        // The saved points and reference alone give the same precision and recall.
        var (x, labels) = ReadCsv(Path.Combine(folder.Path, "features", "2d-cads-w8-seed0.csv"));
        var (reference, referenceLabels) = ReadCsv(Path.Combine(folder.Path, "features", "2d-reference.csv"));
        double precision = 0, recall = 0;
        for (var c = 0; c < 3; c++)
        {
            var (p, r) = PrecisionRecall.Measure(reference.index_select(0, referenceLabels.eq(c).nonzero().squeeze(1)),
                x.index_select(0, labels.eq(c).nonzero().squeeze(1)));
            precision += p / 3;
            recall += r / 3;
        }
        Assert.Equal(Metric("cads", "precision"), precision, 12);
        Assert.Equal(Metric("cads", "recall"), recall, 12);

        // Resumed: nothing left to run, nothing rewritten; other settings are refused rather than mixed in.
        var again = await Run(args);
        Assert.Equal(0, again.Code);
        Assert.Contains("0 cells to run (2 already in", again.Output);
        Assert.Equal(json, File.ReadAllText(Path.Combine(folder.Path, "results.json")));
        var changed = await Run([.. args.Select(a => a == "100" ? "50" : a)]);
        Assert.Equal(1, changed.Code);
        Assert.Contains("was made with other settings", changed.Error);
    }

    [Fact]
    public void The_image_evaluation_measures_every_metric_and_real_reference_images_score_perfectly()
    {
        using var scope = NewDisposeScope();
        CadsRuntime.Seed(0);
        var classifier = Classifier.LoadShipped();
        using var heldOut = FashionMnist.Load("heldout");
        // An untrained U-Net: this checks the plumbing and the reference, not sample quality.
        using var evaluation = new ImageEvaluation(new UNet(), classifier, heldOut, perClass: 6);
        Assert.Equal([60, Classifier.FeatureSize], evaluation.ReferenceFeatures.shape);
        using var cell = evaluation.Evaluate(GuidanceMethod.Cads.Apply(ImageEvaluation.Baseline with { Steps = 2 }, 8).WithSeed(1));
        Assert.Equal(["fid", "precision", "recall", "mss", "vendi", "class_accuracy", "inception_score"], cell.Metrics.Keys);
        Assert.All(cell.Metrics, m => Assert.True(double.IsFinite(m.Value), $"{m.Key} = {m.Value}"));
        using var same = evaluation.EvaluateData(heldOut);
        Assert.Equal(0, same.Metrics["fid"], 6);
        Assert.Equal(1, same.Metrics["precision"]);
        Assert.Equal(1, same.Metrics["recall"]);
        // Another block of the same split: other images of each class, so the reference is no longer matched exactly.
        using var other = evaluation.EvaluateData(heldOut, block: 1);
        Assert.True(other.Metrics["fid"] > 0.01, $"fid of a disjoint block {other.Metrics["fid"]}");
        var (first, _) = ImageEvaluation.BlockPerClass(heldOut, 6, 0);
        var (second, secondLabels) = ImageEvaluation.BlockPerClass(heldOut, 6, 1);
        Assert.Equal(Enumerable.Range(0, 10).SelectMany(c => Enumerable.Repeat((long)c, 6)), secondLabels.data<long>().ToArray());
        // Disjoint: no image of block 1 equals one of block 0 (distances between flattened images all positive).
        Assert.True(cdist(first.flatten(1), second.flatten(1)).min().item<float>() > 0);
        Assert.Throws<ArgumentException>(() => ImageEvaluation.BlockPerClass(heldOut, 6, 500 / 6));
        Assert.Throws<ArgumentException>(() => ImageEvaluation.BlockPerClass(heldOut, 6, -1));
    }

    static (Tensor X, Tensor Labels) ReadCsv(string path)
    {
        var rows = File.ReadAllLines(path).Skip(1).Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var labels = tensor(rows.Select(r => (long)r[0]).ToArray(), device: CadsRuntime.Device);
        var x = tensor(rows.SelectMany(r => r.Skip(1)).ToArray(), [rows.Length, rows[0].Length - 1], device: CadsRuntime.Device);
        return (x, labels);
    }
}
