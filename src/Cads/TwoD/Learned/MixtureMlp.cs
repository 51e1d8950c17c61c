using Cads.Data;
using Cads.IO;
using Cads.Denoisers;
using Cads.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cads.TwoD.Learned;

/// <summary>The shape of a <see cref="MixtureMlp"/>; a weights file only loads into the shape it was saved from.</summary>
/// <param name="Classes">C; the embedding table has C + 1 rows, the last one the null class.</param>
/// <param name="EmbeddingDim">d, the width of a class embedding (what CADS noises).</param>
/// <param name="Width">Hidden width.</param>
/// <param name="HiddenLayers">Hidden layers, each Linear + SiLU.</param>
/// <param name="TimeFeatures">Sinusoidal features of t (half sines, half cosines).</param>
public sealed record MlpArchitecture(int Classes = 3, int EmbeddingDim = 16, int Width = 128, int HiddenLayers = 4, int TimeFeatures = 32);

/// <summary>
/// A small learned denoiser for the 2-D world: [z (2), sinusoidal features of t, class embedding (d)] through an MLP
/// with SiLU to a v-prediction, v = alpha eps - sigma x0 (Salimans and Ho 2022).
/// </summary>
/// <remarks>
/// Why v: on a VP schedule its target has unit-order variance at every t, and the x0 it implies,
/// x0 = alpha z - sigma v, neither blows up near t = 1 (as x0 = (z - sigma eps) / alpha does) nor near t = 0.
/// The class enters as an <c>nn.Embedding(C + 1, d)</c> row, the last row being the null class of CFG dropout, so the
/// condition the samplers see is a d-vector that CADS can noise, as in DiT.
/// </remarks>
public sealed class MixtureMlp : Module<Tensor, Tensor, Tensor, Tensor>, IDiffusionModel
{
    readonly Embedding embedding;
    readonly Sequential layers;
    readonly Tensor frequencies;

    /// <summary>The shape this network was built with.</summary>
    public MlpArchitecture Architecture { get; }

    /// <summary>The embedding row of the null class: C.</summary>
    public long NullClass => Architecture.Classes;

    public Prediction Prediction => Prediction.V;

    public long[] SampleShape => [2];
    public long[] ConditionShape => [Architecture.EmbeddingDim];

    public MixtureMlp(MlpArchitecture? architecture = null) : base(nameof(MixtureMlp))
    {
        var a = Architecture = architecture ?? new MlpArchitecture();
        embedding = Embedding(a.Classes + 1, a.EmbeddingDim);
        var modules = new List<Module<Tensor, Tensor>>();
        var inputs = 2 + a.TimeFeatures + a.EmbeddingDim;
        for (var i = 0; i < a.HiddenLayers; i++)
        {
            modules.Add(Linear(i == 0 ? inputs : a.Width, a.Width));
            modules.Add(SiLU());
        }
        modules.Add(Linear(a.Width, 2));
        layers = Sequential(modules);
        // Geometric frequencies 1 ... 1000 (per unit of t): coarse ones see the whole run, fine ones the last steps.
        frequencies = exp(linspace(0, Math.Log(1000), a.TimeFeatures / 2, ScalarType.Float32, CadsRuntime.Device));
        RegisterComponents();
        this.to(CadsRuntime.Device);
    }

    /// <summary>The prediction v for z [B, 2] at times t [B] under class embeddings y [B, d]; differentiable (training).</summary>
    public override Tensor forward(Tensor z, Tensor t, Tensor y)
    {
        using var scope = NewDisposeScope();
        var angles = t.to(z.dtype).unsqueeze(1) * frequencies.to(z.dtype);
        var features = cat([z, angles.sin(), angles.cos(), y.to(z.dtype)], 1);
        return layers.forward(features).MoveToOuterDisposeScope();
    }

    /// <summary>The embeddings [B, d] of class labels [B]; the label C is the null class.</summary>
    public Tensor EmbedForTraining(Tensor labels) => embedding.forward(labels);

    public Tensor Forward(Tensor x, Tensor t, Tensor condition)
    {
        using var noGrad = no_grad();
        return forward(x, t, condition);
    }

    public Tensor Embed(Tensor labels)
    {
        using var noGrad = no_grad();
        return embedding.forward(labels.to(frequencies.device));
    }

    public Tensor NullCondition(long batch) => Embed(full(batch, NullClass, ScalarType.Int64, frequencies.device));

    /// <summary>The shipped weights, under data/.</summary>
    public static readonly string[] ShippedPath = ["models", "mlp2d.pt"];

    /// <summary>The shipped small-data network (<see cref="MlpTrainingOptions.SmallData"/>), under data/.</summary>
    public static readonly string[] SmallDataPath = ["models", "mlp2d-small.pt"];

    /// <summary>
    /// Weights saved by <see cref="MlpTraining.Train"/> into a network of the given shape; <paramref name="command"/> is
    /// the command that trains such weights, named when the file is missing.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public static MixtureMlp Load(string path, MlpArchitecture? architecture = null, string command = "./cads train mlp2d") =>
        Weights.Load(new MixtureMlp(architecture), path, command);

    /// <summary>The weights shipped in data/models/mlp2d.pt, trained on <see cref="MixturePresets.ThreeClassesManyModes"/> under <see cref="MlpTraining.Schedule"/>.</summary>
    public static MixtureMlp LoadShipped() => Load(DataFolder.PathOf(ShippedPath));

    /// <summary>The weights shipped in data/models/mlp2d-small.pt: the same network trained on a small fixed set (<see cref="MlpTrainingOptions.SmallData"/>).</summary>
    public static MixtureMlp LoadSmallData() => Load(DataFolder.PathOf(SmallDataPath), command: "./cads train mlp2d-small");
}
