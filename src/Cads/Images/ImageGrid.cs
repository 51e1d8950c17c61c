using Cads.IO;
using static TorchSharp.torch;

namespace Cads.Images;

/// <summary>
/// Images [N, 1, H, W] in [-1, 1] laid out as a grid of <see cref="Rows"/> rows (one per class in the sample grids),
/// with a one-pixel gap. Notebooks display it inline; the CLI writes it as a PNG.
/// </summary>
public sealed class ImageGrid
{
    const int Gap = 1;
    readonly byte[] _pixels;

    public int Rows { get; }
    public int Columns { get; }
    public int Width { get; }
    public int Height { get; }
    /// <summary>A caption for notebooks and pages (settings, seeds).</summary>
    public string Caption { get; init; } = "";
    /// <summary>Display magnification where the grid is shown (notebooks): 28-pixel tiles are tiny on a screen.</summary>
    public int Scale { get; init; } = 3;

    /// <exception cref="ArgumentException">images is not [N, 1, H, W], or N is not a multiple of <paramref name="rows"/>.</exception>
    public ImageGrid(Tensor images, int rows)
    {
        if (images.dim() != 4 || images.shape[1] != 1)
            throw new ArgumentException($"images must have shape [N, 1, H, W]; got [{string.Join(", ", images.shape)}].", nameof(images));
        var n = (int)images.shape[0];
        if (rows < 1 || n % rows != 0)
            throw new ArgumentException($"rows must divide the number of images {n}; got {rows}.", nameof(rows));
        int h = (int)images.shape[2], w = (int)images.shape[3];
        Rows = rows;
        Columns = n / rows;
        Width = Columns * (w + Gap) - Gap;
        Height = Rows * (h + Gap) - Gap;

        // One conversion of the whole batch to bytes, then a copy per tile row on the host.
        using var scope = NewDisposeScope();
        var bytes = ((images.detach().clamp(-1, 1) + 1) * 127.5).round().to(ScalarType.Byte).cpu().data<byte>().ToArray();
        _pixels = Enumerable.Repeat((byte)255, Width * Height).ToArray();
        for (var i = 0; i < n; i++)
        {
            int top = i / Columns * (h + Gap), left = i % Columns * (w + Gap);
            for (var r = 0; r < h; r++)
                Array.Copy(bytes, i * h * w + r * w, _pixels, (top + r) * Width + left, w);
        }
    }

    /// <summary>A one-line stand-in for plain-text viewers.</summary>
    public override string ToString() => $"[image grid {Rows} x {Columns}] {Caption}";

    /// <summary>These grids side by side.</summary>
    public static ImagePanel Beside(params ImageGrid[] grids) => new(grids);

    public byte[] ToPng() => Png.EncodeGray(_pixels, Width, Height);

    /// <summary>Writes the PNG atomically.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => stream.Write(ToPng()));
}
