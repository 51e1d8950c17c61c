using System.Buffers.Binary;
using System.IO.Compression;
using Cads.IO;

namespace Cads.Data;

/// <summary>
/// Reads and writes IDX files of unsigned bytes (the MNIST / Fashion-MNIST format), raw or gzipped; a name ending
/// in .gz means gzipped. Every problem with a file is reported as an <see cref="InvalidDataException"/> (or
/// <see cref="FileNotFoundException"/>) whose message starts with the file's path and says what is wrong.
/// </summary>
public static class Idx
{
    // The magic number: two zero bytes, the element type, the number of dimensions.
    const byte UnsignedByte = 0x08;
    static readonly byte[] GzipMagic = [0x1f, 0x8b];

    /// <summary>Reads the whole array stored in <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not gzip (for .gz), not IDX of unsigned bytes, truncated or too long.</exception>
    public static IdxArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        using var file = File.OpenRead(path);
        if (!IsGzipName(path)) return ReadArray(file, path);

        Span<byte> start = stackalloc byte[2];
        var got = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        if (got < 2 || !start.SequenceEqual(GzipMagic))
            throw new InvalidDataException(
                $"{path}: not a gzip file: it starts with {Hex(start[..got])} instead of 1F 8B " +
                "(a raw IDX file must not be named .gz).");
        file.Position = 0;
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return ReadArray(gzip, path);
    }

    /// <summary>Writes <paramref name="array"/> to <paramref name="path"/> (gzipped when it ends in .gz), replacing any file atomically.</summary>
    public static void Write(string path, IdxArray array)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(array);
        var header = new byte[4 + 4 * array.Shape.Length];
        header[2] = UnsignedByte;
        header[3] = (byte)array.Shape.Length;
        for (var i = 0; i < array.Shape.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), array.Shape[i]);

        AtomicFile.Write(path, file =>
        {
            if (!IsGzipName(path))
            {
                WriteTo(file);
                return;
            }
            using var gzip = new GZipStream(file, CompressionLevel.SmallestSize, leaveOpen: true);
            WriteTo(gzip);
        });

        void WriteTo(Stream output)
        {
            output.Write(header);
            output.Write(array.Data);
        }
    }

    static bool IsGzipName(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    static IdxArray ReadArray(Stream stream, string path)
    {
        var magic = new byte[4];
        var got = Fill(stream, magic, path);
        if (got < 4)
            throw new InvalidDataException($"{path}: truncated: {got} bytes, shorter than the 4-byte IDX magic number.");
        if (magic[0] != 0 || magic[1] != 0 || magic[3] == 0)
            throw new InvalidDataException(
                $"{path}: bad magic number {Hex(magic)}: not an IDX file (expected 00 00 08 <dimensions>, " +
                $"e.g. 00 00 08 03 for images, 00 00 08 01 for labels){(magic[0] == 0x1f && magic[1] == 0x8b ? "; it looks gzipped: name it .gz" : "")}.");
        if (magic[2] != UnsignedByte)
            throw new InvalidDataException(
                $"{path}: IDX element type 0x{magic[2]:X2} is not supported; only 0x08 (unsigned bytes) is.");

        var dims = new byte[4 * magic[3]];
        got = Fill(stream, dims, path);
        if (got < dims.Length)
            throw new InvalidDataException(
                $"{path}: truncated: the header announces {magic[3]} dimensions ({dims.Length} bytes) but only {got} bytes follow.");
        var shape = new int[magic[3]];
        for (var i = 0; i < shape.Length; i++)
        {
            var d = BinaryPrimitives.ReadUInt32BigEndian(dims.AsSpan(4 * i));
            if (d > int.MaxValue) throw new InvalidDataException($"{path}: dimension {i} of the header is {d:N0}, too large.");
            shape[i] = (int)d;
        }
        var size = IdxArray.ElementCount(shape);
        if (size > Array.MaxLength)
            throw new InvalidDataException($"{path}: header says {IdxArray.Describe(shape)} ({size:N0} bytes), more than one array can hold.");

        var data = new byte[size];
        got = Fill(stream, data, path);
        if (got < size)
            throw new InvalidDataException(
                $"{path}: truncated: header says {IdxArray.Describe(shape)} ({size:N0} bytes) but only {got:N0} bytes follow.");
        var extra = CountRemaining(stream, path);
        if (extra > 0)
            throw new InvalidDataException(
                $"{path}: {extra:N0} bytes follow the {size:N0} bytes of data the header announces ({IdxArray.Describe(shape)}).");
        return new IdxArray(shape, data);
    }

    // Reads until the buffer is full or the stream ends; a damaged gzip stream surfaces here, so name it.
    static int Fill(Stream stream, Span<byte> buffer, string path)
    {
        try { return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: corrupt gzip data: {e.Message}", e); }
    }

    static long CountRemaining(Stream stream, string path)
    {
        var buffer = new byte[81920];
        long total = 0;
        int got;
        while ((got = Fill(stream, buffer, path)) > 0) total += got;
        return total;
    }

    static string Hex(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty ? "nothing (the file is empty)" : string.Join(" ", bytes.ToArray().Select(b => b.ToString("X2")));
}
