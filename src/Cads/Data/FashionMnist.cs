using Cads.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Cads.Data;

/// <summary>
/// One split of Fashion-MNIST as tensors on <see cref="CadsRuntime.Device"/>: images scaled to [-1, 1], float32,
/// shape [N, 1, 28, 28]; labels int64, shape [N]. The repository ships the splits "train" (20,000 images) and
/// "heldout" (5,000) in data/fashion-mnist; the official full files load the same way (splits "train" and "t10k").
/// </summary>
public sealed class FashionMnist : IDisposable
{
    /// <summary>Images are ImageSide x ImageSide pixels.</summary>
    public const int ImageSide = 28;

    /// <summary>The class names, indexed by label (Zalando Research's order).</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The number of classes (10).</summary>
    public static int ClassCount => ClassNames.Count;

    FashionMnist(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    /// <summary>Images in [-1, 1], float32, [N, 1, 28, 28].</summary>
    public Tensor Images { get; }

    /// <summary>Class labels 0..9, int64, [N].</summary>
    public Tensor Labels { get; }

    /// <summary>The number of images.</summary>
    public int Count => (int)Labels.shape[0];

    /// <summary>
    /// Loads <paramref name="split"/> from <paramref name="folder"/> (default: data/fashion-mnist of the repository):
    /// the files {split}-images-idx3-ubyte[.gz] and {split}-labels-idx1-ubyte[.gz]. For the official full dataset,
    /// pass the folder holding Zalando's files and split "train" or "t10k".
    /// </summary>
    /// <exception cref="FileNotFoundException">The split's files are not in the folder.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt or the two do not fit together.</exception>
    public static FashionMnist Load(string split = "train", string? folder = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(split);
        folder ??= DataFolder.PathOf("fashion-mnist");
        return LoadFiles(Locate(folder, $"{split}-images-idx3-ubyte"), Locate(folder, $"{split}-labels-idx1-ubyte"));
    }

    /// <summary>Loads an image file and its label file (IDX, raw or .gz), checking that they describe the same 28x28 images.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, images are not 28x28, labels are not 0..9, or the counts differ.</exception>
    public static FashionMnist LoadFiles(string imagesPath, string labelsPath)
    {
        var images = Idx.Read(imagesPath);
        var labels = Idx.Read(labelsPath);
        if (images.Shape is not [_, ImageSide, ImageSide])
            throw new InvalidDataException(
                $"{imagesPath}: mis-shaped: expected images of {ImageSide}x{ImageSide} (3 dimensions), header says {IdxArray.Describe(images.Shape)}.");
        if (labels.Shape.Length != 1)
            throw new InvalidDataException(
                $"{labelsPath}: mis-shaped: expected one dimension (a label per image), header says {IdxArray.Describe(labels.Shape)}.");
        if (labels.Shape[0] != images.Shape[0])
            throw new InvalidDataException(
                $"{labelsPath}: has {labels.Shape[0]:N0} labels but {imagesPath} has {images.Shape[0]:N0} images.");
        var bad = Array.FindIndex(labels.Data, l => l >= ClassCount);
        if (bad >= 0)
            throw new InvalidDataException($"{labelsPath}: label {labels.Data[bad]} at index {bad:N0} is outside 0..{ClassCount - 1}.");

        var device = CadsRuntime.Device;
        using var scope = NewDisposeScope();
        var pixels = tensor(images.Data, [images.Shape[0], 1, ImageSide, ImageSide]);
        var scaled = pixels.to(ScalarType.Float32).div_(127.5).sub_(1).to(device);
        var classes = tensor(labels.Data).to(ScalarType.Int64).to(device);
        return new FashionMnist(scaled.MoveToOuterDisposeScope(), classes.MoveToOuterDisposeScope());
    }

    /// <summary>How many images each class has, indexed by label.</summary>
    public long[] ClassCounts()
    {
        using var counts = Labels.bincount(null, ClassCount).cpu();
        return counts.data<long>().ToArray();
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    // The gzipped file, else the raw one (as the official files unpack).
    static string Locate(string folder, string name)
    {
        var gz = Path.Combine(folder, name + ".gz");
        var raw = Path.Combine(folder, name);
        if (File.Exists(gz)) return gz;
        if (File.Exists(raw)) return raw;
        string[] splits = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*-images-idx3-ubyte*").Select(f => Path.GetFileName(f).Split("-images-")[0]).Distinct().Order().ToArray()
            : [];
        throw new FileNotFoundException(
            $"{gz}: file not found (nor {Path.GetFileName(raw)} unzipped). Splits present in {folder}: " +
            $"{(splits.Length > 0 ? string.Join(", ", splits) : "none")}. data/README.md says how to regenerate the shipped files.", gz);
    }
}
