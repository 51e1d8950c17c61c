using System.Buffers.Binary;
using System.IO.Compression;
using Cads.Images;
using static TorchSharp.torch;

namespace Cads.Tests.Images;

public class PngTests
{
    // Reads the chunks back by the PNG specification: signature, length, type, data, CRC.
    static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = new List<(string, byte[], uint)>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            chunks.Add((type, png[(at + 8)..(at + 8 + length)], BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }
        return chunks;
    }

    [Fact]
    public void A_gray_image_round_trips_through_the_zlib_stream()
    {
        byte[] pixels = [0, 64, 128, 255, 1, 2];
        var chunks = Chunks(Png.EncodeGray(pixels, 3, 2));
        Assert.Equal(["IHDR", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.Equal(3, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(chunks[0].Data.AsSpan(4)));
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0 }, chunks[0].Data[8..]);
        using var inflated = new MemoryStream();
        new ZLibStream(new MemoryStream(chunks[1].Data), CompressionMode.Decompress).CopyTo(inflated);
        Assert.Equal(new byte[] { 0, 0, 64, 128, 0, 255, 1, 2 }, inflated.ToArray());
        // IEND carries no data, so its CRC is the constant every PNG file ends with.
        Assert.Equal(0xAE426082u, chunks[2].Crc);
    }

    [Fact]
    public void A_grid_places_tiles_in_rows_with_a_white_gap()
    {
        using var images = cat([full(1, 1, 2, 2, -1f), full(1, 1, 2, 2, 1f)], 0);
        var grid = new ImageGrid(images, rows: 2);
        Assert.Equal((1, 2, 5), (grid.Columns, grid.Width, grid.Height));
        var idat = Chunks(grid.ToPng())[1].Data;
        using var inflated = new MemoryStream();
        new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress).CopyTo(inflated);
        // rows: black, black, gap (white), white, white; each prefixed by filter byte 0
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 255, 255, 0, 255, 255, 0, 255, 255 }, inflated.ToArray());
    }

    [Fact]
    public void Bad_shapes_are_refused_with_the_rule()
    {
        Assert.Contains("width x height", Assert.Throws<ArgumentException>(() => Png.EncodeGray([1, 2, 3], 2, 2)).Message);
        using var images = zeros(3, 1, 4, 4);
        Assert.Contains("rows must divide", Assert.Throws<ArgumentException>(() => new ImageGrid(images, 2)).Message);
    }
}
