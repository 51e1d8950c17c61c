using Cads.Data;
using Cads.Denoisers;
using Cads.IO;
using Cads.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cads.ImageWorld;

/// <summary>
/// A small class-conditional U-Net for 28x28 images: 28 -> 14 -> 7 and back, residual blocks that add the sum of a
/// time embedding and a condition embedding. The condition enters as an embedding vector, so CADS can noise it;
/// class labels map to it through <see cref="Embed"/>, with one extra row for the null class of CFG. With no classes
/// it takes any embedding vector and extra input channels: the body of <see cref="LowResUNet"/>.
/// It predicts v = alpha eps - sigma x0 (Salimans and Ho 2022), well scaled at both ends of the schedule.
/// </summary>
public sealed class UNet : Module<Tensor, Tensor, Tensor, Tensor>, IDiffusionModel
{
    /// <summary>The shipped weights, under data/.</summary>
    public static readonly string[] ShippedPath = ["models", "unet.pt"];

    /// <summary>The shipped weak U-Net (<see cref="DenoiserTrainingOptions.Weak"/>), Autoguidance's guide, under data/.</summary>
    public static readonly string[] WeakShippedPath = ["models", "unet-weak.pt"];

    /// <summary>The schedule the shipped model was trained on.</summary>
    public static Schedules.NoiseSchedule TrainingSchedule { get; } = new Schedules.VpCosineSchedule();

    /// <summary>The number of real classes; label <see cref="NullClass"/> is the null condition. 0: no class embedding.</summary>
    public int Classes { get; }

    /// <summary>D(z; t, y) of this network on the schedule it was trained with.</summary>
    public ConditionalDenoiser Denoiser => new(this, TrainingSchedule);

    /// <summary>The index of the learned null-class embedding (= <see cref="Classes"/>).</summary>
    public long NullClass => Classes;

    /// <summary>The width of the condition embedding (the vector CADS perturbs).</summary>
    public int EmbeddingDim { get; }

    readonly Embedding? classEmbedding;
    readonly Sequential timeMlp;
    readonly Conv2d inConv, down1, down2, outConv;
    readonly ResBlock block1, block2, mid1, mid2, upBlock2, upBlock1;
    readonly ConvTranspose2d up2, up1;
    readonly GroupNorm2d outNorm;

    /// <param name="classes">Real classes, each with an embedding row, plus the null class's; 0: the condition embedding comes from outside.</param>
    /// <param name="channels">Channels at 28x28; 2x and 4x at 14x14 and 7x7. A multiple of 8 (group norm's groups).</param>
    /// <param name="embeddingDim">The width of the time and condition embeddings.</param>
    /// <param name="inChannels">Input channels: 1 for an image, more when a condition image rides along.</param>
    public UNet(int classes = 10, int channels = 16, int embeddingDim = 128, int inChannels = 1) : base(nameof(UNet))
    {
        Classes = classes;
        EmbeddingDim = embeddingDim;
        int c1 = channels, c2 = 2 * channels, c3 = 4 * channels;
        classEmbedding = classes > 0 ? Embedding(classes + 1, embeddingDim) : null;
        timeMlp = Sequential(Linear(embeddingDim, embeddingDim), SiLU(), Linear(embeddingDim, embeddingDim));
        inConv = Conv2d(inChannels, c1, 3, padding: 1);
        block1 = new ResBlock(c1, c1, embeddingDim);
        down1 = Conv2d(c1, c2, 3, stride: 2, padding: 1);
        block2 = new ResBlock(c2, c2, embeddingDim);
        down2 = Conv2d(c2, c3, 3, stride: 2, padding: 1);
        mid1 = new ResBlock(c3, c3, embeddingDim);
        mid2 = new ResBlock(c3, c3, embeddingDim);
        // Learned 2x upsampling: a fraction of the cost of nearest-neighbour upsampling followed by a 3x3 conv.
        up2 = ConvTranspose2d(c3, c2, 2, stride: 2);
        upBlock2 = new ResBlock(2 * c2, c2, embeddingDim);
        up1 = ConvTranspose2d(c2, c1, 2, stride: 2);
        upBlock1 = new ResBlock(2 * c1, c1, embeddingDim);
        outNorm = new GroupNorm2d(8, c1);
        outConv = Conv2d(c1, 1, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>Class labels [B] (0..Classes, Classes = null) to condition embeddings [B, EmbeddingDim].</summary>
    public Tensor Embed(Tensor labels) => classEmbedding?.forward(labels) ??
        throw new NotSupportedException("this U-Net has no classes: its condition embedding comes from the model around it");

    public Prediction Prediction => Prediction.V;

    public long[] SampleShape => [1, FashionMnist.ImageSide, FashionMnist.ImageSide];
    public long[] ConditionShape => [EmbeddingDim];

    public Tensor Forward(Tensor x, Tensor t, Tensor condition) => forward(x, t, condition);

    public Tensor NullCondition(long batch)
    {
        using var labels = full(batch, NullClass, int64, CadsRuntime.Device);
        return Embed(labels);
    }

    /// <summary>Writes the weights atomically.</summary>
    public void Save(string path) => Weights.Save(this, path);

    /// <summary>Loads weights saved by <see cref="Save"/> onto the runtime's device, in evaluation mode.</summary>
    /// <param name="path">The weights file.</param>
    /// <param name="channels">The width the weights were trained at (16, or the weak model's 8).</param>
    /// <exception cref="FileNotFoundException">No file: the message names the command that trains one.</exception>
    public static UNet Load(string path, int channels = 16) =>
        Weights.Load(new UNet(channels: channels), path, channels == 16 ? "./cads train model" : "./cads train weak-model");

    /// <summary>The weights shipped in data/models/unet.pt.</summary>
    public static UNet LoadShipped() => Load(DataFolder.PathOf(ShippedPath));

    /// <summary>
    /// The weak U-Net shipped in data/models/unet-weak.pt: half the channels, a quarter of the training steps
    /// (<see cref="DenoiserTrainingOptions.Weak"/>), the same data, classes and schedule. Autoguidance's guide.
    /// </summary>
    public static UNet LoadWeak() => Load(DataFolder.PathOf(WeakShippedPath), DenoiserTrainingOptions.Weak.Channels);

    /// <summary>The network output for images x [B,1,28,28] at times t [B] in [0,1] under condition embeddings [B, EmbeddingDim].</summary>
    /// <remarks>
    /// Every activation is freed as soon as the next layer has used it (<see cref="Consume"/>), so a forward pass holds
    /// only the skip connections and the layer at hand. The sampler calls this at batch 2 x 200 under CFG, where one
    /// activation is 20-40 MB: a scope that freed them only at the end held all of them at once, about 1 GB per step
    /// (and the allocator kept that much resident afterwards). Under autograd the graph keeps what backward needs, so
    /// training is unaffected; the arithmetic is the same either way.
    /// </remarks>
    public override Tensor forward(Tensor x, Tensor t, Tensor condition)
    {
        using var scope = NewDisposeScope();
        var emb = Consume(Consume(TimeFeatures(t), timeMlp.forward), time => time + condition);
        var h1 = Consume(SafeConvolution.Forward(inConv, x), h => block1.forward(h, emb));
        var h2 = Consume(SafeConvolution.Forward(down1, h1), h => block2.forward(h, emb));
        var h = Consume(SafeConvolution.Forward(down2, h2), h => mid1.forward(h, emb));
        h = Consume(h, h => mid2.forward(h, emb));
        h = Consume(Consume(h, Convolve(up2)), h => cat([h, h2], 1));
        h2.Dispose();
        h = Consume(h, h => upBlock2.forward(h, emb));
        h = Consume(Consume(h, Convolve(up1)), h => cat([h, h1], 1));
        h1.Dispose();
        h = Consume(h, h => upBlock1.forward(h, emb));
        h = Consume(Consume(h, outNorm.forward), a => functional.silu(a));
        return Consume(h, Convolve(outConv)).MoveToOuterDisposeScope();
    }

    /// <summary><paramref name="layer"/>(<paramref name="input"/>), freeing the input as soon as the layer has run.</summary>
    static Tensor Consume(Tensor input, Func<Tensor, Tensor> layer)
    {
        var output = layer(input);
        if (!ReferenceEquals(output, input)) input.Dispose();
        return output;
    }

    static Func<Tensor, Tensor> Convolve(Convolution layer) => x => SafeConvolution.Forward(layer, x);

    // Sinusoidal features of 1000 t, as in DDPM's transformer-style position encoding.
    Tensor TimeFeatures(Tensor t)
    {
        var half = EmbeddingDim / 2;
        var frequencies = exp(arange(half, float32, t.device) * (-Math.Log(10000.0) / (half - 1)));
        var angles = (t.to_type(float32) * 1000).unsqueeze(1) * frequencies.unsqueeze(0);
        return cat([angles.sin(), angles.cos()], 1);
    }

    sealed class ResBlock : Module<Tensor, Tensor, Tensor>
    {
        readonly GroupNorm2d norm1, norm2;
        readonly Conv2d conv1, conv2;
        readonly Linear embedding;
        readonly Module<Tensor, Tensor> skip;

        public ResBlock(int inChannels, int outChannels, int embeddingDim) : base(nameof(ResBlock))
        {
            norm1 = new GroupNorm2d(8, inChannels);
            conv1 = Conv2d(inChannels, outChannels, 3, padding: 1);
            embedding = Linear(embeddingDim, outChannels);
            norm2 = new GroupNorm2d(8, outChannels);
            conv2 = Conv2d(outChannels, outChannels, 3, padding: 1);
            skip = inChannels == outChannels ? Identity() : Conv2d(inChannels, outChannels, 1);
            RegisterComponents();
        }

        // Intermediates freed as they are used (see UNet.forward); x belongs to the caller.
        public override Tensor forward(Tensor x, Tensor emb)
        {
            using var scope = NewDisposeScope();
            var h = Consume(Consume(norm1.forward(x), a => functional.silu(a)), Convolve(conv1));
            var shift = Consume(Consume(functional.silu(emb), embedding.forward), e => e.unsqueeze(-1).unsqueeze(-1));
            h = Consume(h, h => h + shift);
            h = Consume(Consume(Consume(h, norm2.forward), a => functional.silu(a)), Convolve(conv2));
            var skipped = skip is Convolution convolution ? SafeConvolution.Forward(convolution, x) : skip.forward(x);
            return Consume(h, h => h + skipped).MoveToOuterDisposeScope();
        }
    }
}
