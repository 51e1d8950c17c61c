using Cads.IO;

namespace Cads.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void Replaces_the_file_and_leaves_no_temporary()
    {
        using var temp = new TempFolder();
        var path = temp.File("weights.pt");
        File.WriteAllText(path, "old");
        AtomicFile.Write(path, s => s.Write("new"u8));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Interrupted_write_keeps_the_previous_file_and_removes_the_temporary()
    {
        using var temp = new TempFolder();
        var path = temp.File("weights.pt");
        byte[] previous = [1, 2, 3, 4, 5];
        File.WriteAllBytes(path, previous);
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[10_000]);
            throw new InvalidOperationException("interrupted");
        }));
        Assert.Equal("interrupted", e.Message);
        Assert.Equal(previous, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Creates_missing_folders()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "a", "b", "c.bin");
        AtomicFile.Write(path, s => s.WriteByte(42));
        Assert.Equal(new byte[] { 42 }, File.ReadAllBytes(path));
    }
}
