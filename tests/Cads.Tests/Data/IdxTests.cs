using Cads.Data;

namespace Cads.Tests.Data;

public class IdxTests
{
    static IdxArray Images(int count, int rows = 28, int cols = 28)
    {
        var random = new Random(7);
        var data = new byte[count * rows * cols];
        random.NextBytes(data);
        return new IdxArray([count, rows, cols], data);
    }

    static IdxArray Labels(int count) => new([count], Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray());

    [Theory]
    [InlineData("images-idx3-ubyte.gz")]
    [InlineData("images-idx3-ubyte")]
    public void Images_round_trip(string name)
    {
        using var temp = new TempFolder();
        var original = Images(17);
        Idx.Write(temp.File(name), original);
        var read = Idx.Read(temp.File(name));
        Assert.Equal(original.Shape, read.Shape);
        Assert.Equal(original.Data, read.Data);
    }

    [Theory]
    [InlineData("labels-idx1-ubyte.gz")]
    [InlineData("labels-idx1-ubyte")]
    public void Labels_round_trip(string name)
    {
        using var temp = new TempFolder();
        var original = Labels(23);
        Idx.Write(temp.File(name), original);
        var read = Idx.Read(temp.File(name));
        Assert.Equal(original.Shape, read.Shape);
        Assert.Equal(original.Data, read.Data);
    }

    [Fact]
    public void Written_raw_file_has_the_standard_header()
    {
        using var temp = new TempFolder();
        Idx.Write(temp.File("x"), Images(2, 3, 4));
        var bytes = File.ReadAllBytes(temp.File("x"));
        Assert.Equal(new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4 }, bytes[..16]);
        Assert.Equal(16 + 24, bytes.Length);
    }

    [Fact]
    public void Missing_file_is_named()
    {
        using var temp = new TempFolder();
        var path = temp.File("nothing-idx3-ubyte.gz");
        var e = Assert.Throws<FileNotFoundException>(() => Idx.Read(path));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void Truncated_raw_file_says_how_much_is_missing()
    {
        using var temp = new TempFolder();
        var path = temp.File("images-idx3-ubyte");
        Idx.Write(path, Images(20));
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..(16 + 1234)]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Equal($"{path}: truncated: header says 20 images of 28x28 (15,680 bytes) but only 1,234 bytes follow.", e.Message);
    }

    [Fact]
    public void Truncated_gzip_file_is_reported()
    {
        using var temp = new TempFolder();
        var path = temp.File("images-idx3-ubyte.gz");
        Idx.Write(path, Images(20));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.StartsWith(path, e.Message);
        Assert.Matches("truncated|corrupt gzip", e.Message);
    }

    [Fact]
    public void Extra_bytes_after_the_data_are_reported()
    {
        using var temp = new TempFolder();
        var path = temp.File("labels-idx1-ubyte");
        Idx.Write(path, Labels(5));
        File.AppendAllText(path, "junk");
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Equal($"{path}: 4 bytes follow the 5 bytes of data the header announces (5 labels).", e.Message);
    }

    [Fact]
    public void Bad_magic_number_is_reported()
    {
        using var temp = new TempFolder();
        var path = temp.File("images-idx3-ubyte");
        File.WriteAllBytes(path, [0x12, 0x34, 0x08, 0x03, 0, 0, 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.StartsWith($"{path}: bad magic number 12 34 08 03: not an IDX file", e.Message);
    }

    [Fact]
    public void Unsupported_element_type_is_reported()
    {
        using var temp = new TempFolder();
        var path = temp.File("floats-idx1");
        File.WriteAllBytes(path, [0, 0, 0x0D, 1, 0, 0, 0, 0]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.Equal($"{path}: IDX element type 0x0D is not supported; only 0x08 (unsigned bytes) is.", e.Message);
    }

    [Fact]
    public void Raw_file_named_gz_is_not_gzip()
    {
        using var temp = new TempFolder();
        var raw = temp.File("labels-idx1-ubyte");
        var path = temp.File("labels-idx1-ubyte.gz");
        Idx.Write(raw, Labels(3));
        File.Move(raw, path);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.StartsWith($"{path}: not a gzip file: it starts with 00 00 instead of 1F 8B", e.Message);
    }

    [Fact]
    public void Damaged_gzip_stream_is_reported()
    {
        using var temp = new TempFolder();
        var path = temp.File("images-idx3-ubyte.gz");
        File.WriteAllBytes(path, [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        var e = Assert.Throws<InvalidDataException>(() => Idx.Read(path));
        Assert.StartsWith($"{path}: corrupt gzip data", e.Message);
    }

    [Fact]
    public void Array_shape_must_match_data()
    {
        var e = Assert.Throws<ArgumentException>(() => new IdxArray([2, 3], new byte[5]));
        Assert.Equal("data", e.ParamName);
    }
}
