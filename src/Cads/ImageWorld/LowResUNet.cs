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
/// A denoiser of 28x28 images conditioned on an image instead of a label: the 7x7 average of the picture (each pixel
/// the mean of a 4x4 block, <see cref="Downsample"/>), a super-resolution model. The condition y [1, 7, 7] enters
/// twice: upsampled to 28x28 as a second input channel of a <see cref="UNet"/> body (where each pixel is), and through
/// a small MLP into its condition embedding (the picture as a whole). CADS noises y itself, the paper's choice for
/// an image condition (pose-to-image); the null condition of CFG is y = 0, a flat grey the data never gives (a
/// downsampled Fashion-MNIST picture always has black background blocks, -1).
/// </summary>
public sealed class LowResUNet : Module<Tensor, Tensor, Tensor, Tensor>, IDiffusionModel
{
    /// <summary>The side of a block averaged into one condition pixel.</summary>
    public const int Factor = 4;

    /// <summary>The condition's side: 28 / 4.</summary>
    public const int Side = FashionMnist.ImageSide / Factor;

    /// <summary>The shipped weights, under data/.</summary>
    public static readonly string[] ShippedPath = ["models", "unet-lowres.pt"];

    readonly UNet body;
    readonly Sequential conditionMlp;

    /// <summary>D(z; t, y) of this network on the schedule it was trained with (<see cref="UNet.TrainingSchedule"/>).</summary>
    public ConditionalDenoiser Denoiser => new(this, UNet.TrainingSchedule);

    /// <param name="channels">The body's channels at 28x28 (<see cref="UNet"/>).</param>
    /// <param name="embeddingDim">The width of the time and condition embeddings.</param>
    public LowResUNet(int channels = 16, int embeddingDim = 128) : base(nameof(LowResUNet))
    {
        body = new UNet(classes: 0, channels: channels, embeddingDim: embeddingDim, inChannels: 2);
        conditionMlp = Sequential(Linear(Side * Side, embeddingDim), SiLU(), Linear(embeddingDim, embeddingDim));
        RegisterComponents();
    }

    /// <summary>The condition of each image [B, 1, 28, 28]: the mean of each 4x4 block, [B, 1, 7, 7], in the images' range.</summary>
    public static Tensor Downsample(Tensor images)
    {
        if (images.dim() != 4 || images.shape[2] != FashionMnist.ImageSide || images.shape[3] != FashionMnist.ImageSide)
            throw new ArgumentException($"images must have shape [B, C, 28, 28]; got [{string.Join(", ", images.shape)}]", nameof(images));
        return functional.avg_pool2d(images, Factor);
    }

    /// <summary>Each condition [B, 1, 7, 7] back at 28x28 by repeating every pixel over its 4x4 block.</summary>
    public static Tensor Upsample(Tensor condition) =>
        condition.repeat_interleave(Factor, 2).repeat_interleave(Factor, 3);

    public Prediction Prediction => Prediction.V;

    public long[] SampleShape => [1, FashionMnist.ImageSide, FashionMnist.ImageSide];

    public long[] ConditionShape => [1, Side, Side];

    public Tensor Forward(Tensor x, Tensor t, Tensor condition) => forward(x, t, condition);

    public Tensor NullCondition(long batch) => zeros([batch, 1, Side, Side], float32, CadsRuntime.Device);

    public override Tensor forward(Tensor x, Tensor t, Tensor condition)
    {
        using var scope = NewDisposeScope();
        var input = cat([x, Upsample(condition)], 1);
        var embedding = conditionMlp.forward(condition.flatten(1));
        return body.forward(input, t, embedding).MoveToOuterDisposeScope();
    }

    /// <summary>Writes the weights atomically.</summary>
    public void Save(string path) => Weights.Save(this, path);

    /// <summary>Loads weights saved by <see cref="Save"/> onto the runtime's device, in evaluation mode.</summary>
    /// <exception cref="FileNotFoundException">No file: the message names the command that trains one.</exception>
    public static LowResUNet Load(string path) => Weights.Load(new LowResUNet(), path, "./cads train lowres-model");

    /// <summary>The weights shipped in data/models/unet-lowres.pt (<see cref="DenoiserTrainingOptions.LowRes"/>).</summary>
    public static LowResUNet LoadShipped() => Load(DataFolder.PathOf(ShippedPath));
}
