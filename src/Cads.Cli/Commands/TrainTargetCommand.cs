using System.CommandLine;
using Cads.Data;

namespace Cads.Cli.Commands;

/// <summary>What every training run takes: a target's defaults, or what the command line gives.</summary>
/// <param name="Length">Optimizer steps, or epochs for a target that counts in epochs.</param>
/// <param name="OutputPath">Where the weights go; null among the defaults (the shipped weights' place is found at run time).</param>
/// <param name="CheckpointPath">Null for a target that does not resume, and among the defaults.</param>
public sealed record TrainingArgs(int Length, int Batch, double LearningRate, long Seed, string? OutputPath = null, string? CheckpointPath = null);

/// <summary>
/// One `train` target (model, classifier, mlp2d). The options all targets share are declared once, here: the length
/// (--steps, or --epochs), --batch, --lr, --seed, --out and, where the target resumes, --checkpoint; each target
/// brings its defaults and its training function.
/// </summary>
public sealed class TrainTargetCommand : TensorCommand
{
    /// <summary>The most steps, or epochs, accepted.</summary>
    public const int MaxSteps = 10_000_000, MaxEpochs = 10_000;

    readonly Option<int> _length, _batch;
    readonly Option<double> _learningRate;
    readonly Option<long> _seed;
    readonly Option<string> _out;
    readonly Option<string>? _checkpoint;
    readonly string[] _shippedPath;
    readonly string? _checkpointFile;
    readonly Func<TrainingArgs, TextWriter, int> _train;

    /// <param name="defaults">The library's settings that reproduce the shipped weights.</param>
    /// <param name="epochs">Whether the length is in epochs (--epochs) rather than optimizer steps (--steps).</param>
    /// <param name="shippedPath">The weights' place under data/ (<c>UNet.ShippedPath</c>), the default of --out.</param>
    /// <param name="checkpointFile">The checkpoint's name under artifacts/checkpoints/, or null: the target does not resume.</param>
    public TrainTargetCommand(string name, string description, bool epochs, TrainingArgs defaults, string[] shippedPath,
        string? checkpointFile, Func<TrainingArgs, TextWriter, int> train) : base(name, description)
    {
        _length = epochs
            ? Flags.WholeNumber("--epochs", "N", "passes over the training set", 1, MaxEpochs)
            : Flags.WholeNumber("--steps", "N", "optimizer steps", 1, MaxSteps);
        _length.DefaultValueFactory = _ => defaults.Length;
        _batch = Flags.WholeNumber("--batch", "B", "the batch size", 1, 65536);
        _batch.DefaultValueFactory = _ => defaults.Batch;
        _learningRate = Flags.Number("--lr", "X", "Adam's learning rate", new NumberRange(0, 1, MinExclusive: true));
        _learningRate.DefaultValueFactory = _ => defaults.LearningRate;
        _seed = Flags.WholeNumber("--seed", "S", "seeds the initial weights and the data order", 0L, int.MaxValue);
        _seed.DefaultValueFactory = _ => defaults.Seed;
        _out = Flags.Path("--out", "where the weights go").WithDefault($" [default: {string.Join('/', ["data", .. shippedPath])}]");
        Options.Add(_length);
        Options.Add(_batch);
        Options.Add(_learningRate);
        Options.Add(_seed);
        Options.Add(_out);
        if (checkpointFile is not null)
        {
            _checkpoint = Flags.Path("--checkpoint", $"rewritten as training goes and resumed from when present [default: artifacts/checkpoints/{checkpointFile}]");
            Options.Add(_checkpoint);
        }
        _shippedPath = shippedPath;
        _checkpointFile = checkpointFile;
        _train = train;
    }

    /// <summary>The arguments the parsed command line gives, defaults filled in.</summary>
    public TrainingArgs ArgsOf(ParseResult result) => new(
        result.GetValue(_length), result.GetValue(_batch), result.GetValue(_learningRate), result.GetValue(_seed),
        Path.GetFullPath(result.GetValue(_out) ?? DataFolder.PathOf(_shippedPath)),
        _checkpointFile is null ? null : Path.GetFullPath(result.GetValue(_checkpoint!) ?? Path.Combine(RepoPaths.Artifacts, "checkpoints", _checkpointFile)));

    protected override int Run(ParseResult result, TextWriter output) => _train(ArgsOf(result), output);
}
