using Cads.Data;
using TorchSharp;

namespace Cads.Tests.Data;

public class FashionMnistTests
{
    static void WriteSplit(TempFolder temp, string split, int[] imageShape, byte[] labels)
    {
        var data = new byte[IdxArray.ElementCount(imageShape)];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i % 256);
        Idx.Write(temp.File($"{split}-images-idx3-ubyte.gz"), new IdxArray(imageShape, data));
        Idx.Write(temp.File($"{split}-labels-idx1-ubyte.gz"), new IdxArray([labels.Length], labels));
    }

    [Fact]
    public void Loads_images_scaled_to_minus_one_one_with_labels()
    {
        using var temp = new TempFolder();
        WriteSplit(temp, "tiny", [3, 28, 28], [9, 0, 4]);
        using var data = FashionMnist.Load("tiny", temp.Path);
        Assert.Equal(new long[] { 3, 1, 28, 28 }, data.Images.shape);
        Assert.Equal(torch.ScalarType.Float32, data.Images.dtype);
        Assert.Equal(torch.ScalarType.Int64, data.Labels.dtype);
        Assert.Equal(new long[] { 9, 0, 4 }, data.Labels.cpu().data<long>().ToArray());
        // Pixel i of the file holds i % 256: 0 maps to -1, 255 to +1.
        Assert.Equal(-1f, data.Images[0, 0, 0, 0].item<float>());
        Assert.Equal(1f, data.Images[0, 0, 9, 3].item<float>()); // index 255 = row 9, column 3
        Assert.Equal(new long[] { 1, 0, 0, 0, 1, 0, 0, 0, 0, 1 }, data.ClassCounts());
    }

    [Fact]
    public void Images_that_are_not_28x28_are_rejected()
    {
        using var temp = new TempFolder();
        WriteSplit(temp, "odd", [2, 32, 32], [1, 2]);
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load("odd", temp.Path));
        Assert.Equal($"{temp.File("odd-images-idx3-ubyte.gz")}: mis-shaped: expected images of 28x28 (3 dimensions), header says 2 images of 32x32.", e.Message);
    }

    [Fact]
    public void Label_count_must_match_image_count()
    {
        using var temp = new TempFolder();
        WriteSplit(temp, "short", [3, 28, 28], [1, 2]);
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load("short", temp.Path));
        Assert.Equal($"{temp.File("short-labels-idx1-ubyte.gz")}: has 2 labels but {temp.File("short-images-idx3-ubyte.gz")} has 3 images.", e.Message);
    }

    [Fact]
    public void Labels_outside_the_classes_are_rejected()
    {
        using var temp = new TempFolder();
        WriteSplit(temp, "bad", [2, 28, 28], [3, 12]);
        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load("bad", temp.Path));
        Assert.Equal($"{temp.File("bad-labels-idx1-ubyte.gz")}: label 12 at index 1 is outside 0..9.", e.Message);
    }

    [Fact]
    public void Missing_split_names_the_file_and_the_splits_present()
    {
        using var temp = new TempFolder();
        WriteSplit(temp, "train", [1, 28, 28], [0]);
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load("t10k", temp.Path));
        Assert.StartsWith($"{temp.File("t10k-images-idx3-ubyte.gz")}: file not found", e.Message);
        Assert.Contains($"Splits present in {temp.Path}: train.", e.Message);
    }

    [Fact]
    public void Raw_unzipped_files_load_too()
    {
        using var temp = new TempFolder();
        Idx.Write(temp.File("t10k-images-idx3-ubyte"), new IdxArray([2, 28, 28], new byte[2 * 784]));
        Idx.Write(temp.File("t10k-labels-idx1-ubyte"), new IdxArray([2], [5, 7]));
        using var data = FashionMnist.Load("t10k", temp.Path);
        Assert.Equal(2, data.Count);
    }
}
