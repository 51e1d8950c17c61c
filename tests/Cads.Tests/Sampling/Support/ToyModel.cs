using Cads.Denoisers;
using Cads.Runtime;
using static TorchSharp.torch;

namespace Cads.Tests.Sampling.Support;

/// <summary>
/// A small class-conditional x0-predictor on R^2 with a 3-D class embedding (4 classes and a null class 4):
/// x0 = 0.5 z + tanh(E[y] W) + 0.1 t. It counts its forwards and keeps a copy of every condition it sees.
/// </summary>
sealed class ToyModel : IDiffusionModel
{
    public const long Classes = 4, NullClass = 4, EmbeddingDim = 3;

    readonly Tensor _table;
    readonly Tensor _w;

    /// <param name="seed">Another seed gives another network of the same family (a guide for Autoguidance).</param>
    public ToyModel(long seed = 7)
    {
        var g = CadsRuntime.Generator(seed);
        _table = randn([Classes + 1, EmbeddingDim], ScalarType.Float32, CadsRuntime.Device, generator: g).DetachFromDisposeScope();
        _w = randn([EmbeddingDim, 2], ScalarType.Float32, CadsRuntime.Device, generator: g).DetachFromDisposeScope();
    }

    public int Forwards { get; private set; }
    public List<long> BatchSizes { get; } = [];
    public List<Tensor> ConditionsSeen { get; } = [];
    public bool KeepConditions { get; set; } = true;

    public Prediction Prediction => Prediction.X0;
    public long[] SampleShape => [2];
    public long[] ConditionShape => [EmbeddingDim];

    public Tensor Forward(Tensor x, Tensor t, Tensor condition)
    {
        Forwards++;
        BatchSizes.Add(x.shape[0]);
        if (KeepConditions) ConditionsSeen.Add(condition.detach().clone().DetachFromDisposeScope());
        return 0.5 * x + condition.matmul(_w).tanh() + 0.1 * t.unsqueeze(1);
    }

    public Tensor Embed(Tensor labels) => _table.index_select(0, labels);

    public Tensor NullCondition(long batch) =>
        Embed(full(batch, NullClass, ScalarType.Int64, CadsRuntime.Device));
}
