using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cads.Data;

namespace Cads.Tests.Data;

public class ShippedDataTests
{
    // Rows of data/README.md's checksum table: | `relative/path` | bytes | `sha256` |
    static Dictionary<string, string> DocumentedChecksums()
    {
        var readme = File.ReadAllText(DataFolder.PathOf("README.md"));
        return Regex.Matches(readme, @"^\|\s*`([\w./-]+)`\s*\|[^|]*\|\s*`([0-9a-f]{64})`\s*\|", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [Fact]
    public void Shipped_files_match_the_checksums_in_the_readme()
    {
        var documented = DocumentedChecksums();
        string[] expected =
        [
            "fashion-mnist/train-images-idx3-ubyte.gz", "fashion-mnist/train-labels-idx1-ubyte.gz",
            "fashion-mnist/heldout-images-idx3-ubyte.gz", "fashion-mnist/heldout-labels-idx1-ubyte.gz",
            "models/classifier.pt", "models/unet.pt", "models/mlp2d.pt",
            "models/unet-weak.pt", "models/unet-lowres.pt", "models/mlp2d-small.pt",
        ];
        Assert.Subset(documented.Keys.ToHashSet(), expected.ToHashSet());
        foreach (var (file, sha) in documented)
        {
            using var stream = File.OpenRead(DataFolder.PathOf(file));
            Assert.True(Convert.ToHexStringLower(SHA256.HashData(stream)) == sha, $"{file}: SHA-256 differs from data/README.md");
        }
    }

    [Fact]
    public void Shipped_data_stays_under_20_MB()
    {
        var bytes = Directory.EnumerateFiles(DataFolder.Find(), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 20_000_000, $"data/ holds {bytes:N0} bytes");
    }

    [Theory]
    [InlineData("train", 2000)]
    [InlineData("heldout", 500)]
    public void Splits_are_class_balanced(string split, int perClass)
    {
        using var data = FashionMnist.Load(split);
        Assert.Equal(Enumerable.Repeat((long)perClass, 10), data.ClassCounts());
        Assert.InRange(data.Images.min().item<float>(), -1f, -1f);
        Assert.InRange(data.Images.max().item<float>(), 1f, 1f);
    }

    [Fact]
    public void Train_and_heldout_share_no_image()
    {
        var train = Idx.Read(DataFolder.PathOf("fashion-mnist", "train-images-idx3-ubyte.gz"));
        var heldout = Idx.Read(DataFolder.PathOf("fashion-mnist", "heldout-images-idx3-ubyte.gz"));
        static IEnumerable<string> Keys(IdxArray a) => a.Data.Chunk(784).Select(Convert.ToBase64String);
        var seen = Keys(train).ToHashSet();
        Assert.DoesNotContain(Keys(heldout), seen.Contains);
    }
}
