using Cads.Data;
using Cads.IO;
using Cads.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Cads.ImageWorld;

/// <summary>
/// A small CNN for Fashion-MNIST (about 130 k parameters). Its 128-d penultimate layer is the feature space of the
/// image world's metrics (FID, precision/recall, Vendi, MSS); its predictions give class accuracy.
/// Input: images in [-1, 1], float32, [N, 1, 28, 28].
/// </summary>
public sealed class Classifier : Module<Tensor, Tensor>
{
    /// <summary>The size of <see cref="Features"/>.</summary>
    public const int FeatureSize = 128;

    /// <summary>The shipped weights, relative to the data folder.</summary>
    public static readonly string[] ShippedPath = ["models", "classifier.pt"];

    // Inference runs in chunks of this many images so a large batch never holds all activations at once.
    const int InferenceChunk = 500;

    readonly Sequential features;
    readonly Dropout dropout;
    readonly Linear head;

    /// <summary>A freshly initialised classifier on <see cref="CadsRuntime.Device"/> (seed with <see cref="CadsRuntime.Seed"/> first).</summary>
    public Classifier() : base(nameof(Classifier))
    {
        // Three conv blocks halve 28 -> 14 -> 7 -> 3; batch norm makes a few epochs of Adam enough.
        features = Sequential(
            ConvBlock(1, 32), ConvBlock(32, 64), ConvBlock(64, 64),
            Flatten(), Linear(64 * 3 * 3, FeatureSize), ReLU());
        // Dropout on the features keeps 20,000 training images from being memorised in a few epochs.
        dropout = Dropout(0.3);
        head = Linear(FeatureSize, FashionMnist.ClassCount);
        RegisterComponents();
        this.to(CadsRuntime.Device);
    }

    /// <summary>Logits [N, 10] with autograd, in the current train/eval mode: the training forward pass.</summary>
    public override Tensor forward(Tensor images) => head.forward(dropout.forward(features.forward(images)));

    /// <summary>Penultimate-layer features [N, 128] (after ReLU), evaluated without gradients in eval mode.</summary>
    public Tensor Features(Tensor images) => Infer(images, features.forward);

    /// <summary>Class logits [N, 10], evaluated without gradients in eval mode.</summary>
    public Tensor Logits(Tensor images) => Infer(images, forward);

    /// <summary>Predicted labels [N] (int64).</summary>
    public Tensor Predict(Tensor images)
    {
        using var logits = Logits(images);
        return logits.argmax(1);
    }

    /// <summary>The fraction of <paramref name="images"/> whose predicted class equals <paramref name="labels"/> (<see cref="Metrics.ClassAccuracy"/>).</summary>
    public double Accuracy(Tensor images, Tensor labels)
    {
        if (labels.shape.Length != 1 || labels.shape[0] != images.shape[0])
            throw new ArgumentException($"labels must have shape [{images.shape[0]}] to match images; got [{string.Join(", ", labels.shape)}].", nameof(labels));
        using var predicted = Predict(images);
        return Metrics.ClassAccuracy.Measure(predicted, labels);
    }

    /// <summary>Saves the weights, replacing <paramref name="path"/> atomically.</summary>
    public void Save(string path) => Weights.Save(this, path);

    /// <summary>Loads weights written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not this classifier's weights.</exception>
    public static Classifier Load(string path) => Weights.Load(new Classifier(), path, "./cads train classifier");

    /// <summary>Loads the weights shipped in data/models/classifier.pt.</summary>
    public static Classifier LoadShipped() => Load(DataFolder.PathOf(ShippedPath));

    static Sequential ConvBlock(int input, int output) => Sequential(
        Conv2d(input, output, kernel_size: 3, padding: 1), BatchNorm2d(output), ReLU(), MaxPool2d(kernel_size: 2));

    Tensor Infer(Tensor images, Func<Tensor, Tensor> layers)
    {
        if (images.shape is not [_, 1, FashionMnist.ImageSide, FashionMnist.ImageSide])
            throw new ArgumentException(
                $"images must have shape [N, 1, {FashionMnist.ImageSide}, {FashionMnist.ImageSide}]; got [{string.Join(", ", images.shape)}].", nameof(images));
        eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var device = CadsRuntime.Device;
        var chunks = images.split(InferenceChunk).Select(chunk => layers(chunk.to(device))).ToList();
        return cat(chunks, 0).MoveToOuterDisposeScope();
    }
}
