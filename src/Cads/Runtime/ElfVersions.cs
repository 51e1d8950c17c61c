using System.Buffers.Binary;
using System.Text;

namespace Cads.Runtime;

/// <summary>
/// Just enough of the ELF64 format to read and relax symbol-version requirements of a shared library:
/// the versions it needs from each library (.gnu.version_r), the versions a library defines
/// (.gnu.version_d), and its DT_NEEDED list.
/// </summary>
internal sealed class ElfVersions
{
    const uint ShtDynamic = 6, ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe;
    const long DtNeeded = 1;
    const ushort VerFlgWeak = 0x2;

    readonly byte[] _elf;

    ElfVersions(byte[] elf, string path)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"{path} is not an ELF file.");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"{path} is not a little-endian 64-bit ELF file.");
        _elf = elf;
    }

    public static ElfVersions Read(string path) => new(File.ReadAllBytes(path), path);

    public byte[] Bytes => _elf;

    /// <summary>Version names this file needs, as (library, version, is already weak).</summary>
    public IEnumerable<(string Library, string Version, bool Weak)> Needed() =>
        EnumerateNeeded().Select(n => (n.Library, n.Version, (U16(n.FlagsOffset) & VerFlgWeak) != 0));

    /// <summary>Version names this file defines (for libstdc++: GLIBCXX_3.4, ..., GLIBCXX_3.4.30, CXXABI_...).</summary>
    public IEnumerable<string> Defined()
    {
        foreach (var (offset, size, link) in Sections(ShtGnuVerdef))
        {
            var strtab = SectionOffset(link);
            long vd = offset;
            while (true)
            {
                // Elf64_Verdef: vd_version, vd_flags, vd_ndx, vd_cnt (u16 each), vd_hash, vd_aux, vd_next (u32 each)
                var aux = vd + U32(vd + 12);
                yield return Str(strtab + U32(aux));
                var next = U32(vd + 16);
                if (next == 0 || vd + next >= offset + size) break;
                vd += next;
            }
        }
    }

    /// <summary>The DT_NEEDED entries: the sonames the dynamic loader must find.</summary>
    public IEnumerable<string> NeededLibraries()
    {
        foreach (var (offset, size, link) in Sections(ShtDynamic))
        {
            var strtab = SectionOffset(link);
            for (long e = offset; e + 16 <= offset + size; e += 16)
            {
                var tag = (long)U64(e);
                if (tag == 0) break;
                if (tag == DtNeeded) yield return Str(strtab + (long)U64(e + 8));
            }
        }
    }

    /// <summary>
    /// Sets VER_FLG_WEAK on the needed versions named in <paramref name="versions"/>: glibc then accepts a
    /// library that lacks them instead of refusing to load. Returns how many entries were changed.
    /// </summary>
    public int MarkWeak(IReadOnlySet<string> versions)
    {
        var changed = 0;
        foreach (var n in EnumerateNeeded().Where(n => versions.Contains(n.Version)))
        {
            var flags = U16(n.FlagsOffset);
            if ((flags & VerFlgWeak) != 0) continue;
            BinaryPrimitives.WriteUInt16LittleEndian(_elf.AsSpan((int)n.FlagsOffset), (ushort)(flags | VerFlgWeak));
            changed++;
        }
        return changed;
    }

    IEnumerable<(string Library, string Version, long FlagsOffset)> EnumerateNeeded()
    {
        foreach (var (offset, size, link) in Sections(ShtGnuVerneed))
        {
            var strtab = SectionOffset(link);
            long vn = offset;
            while (true)
            {
                // Elf64_Verneed: vn_version, vn_cnt (u16), vn_file, vn_aux, vn_next (u32)
                var count = U16(vn + 2);
                var library = Str(strtab + U32(vn + 4));
                var aux = vn + U32(vn + 8);
                for (var i = 0; i < count; i++)
                {
                    // Elf64_Vernaux: vna_hash (u32), vna_flags, vna_other (u16), vna_name, vna_next (u32)
                    yield return (library, Str(strtab + U32(aux + 8)), aux + 4);
                    var nextAux = U32(aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                var next = U32(vn + 12);
                if (next == 0 || vn + next >= offset + size) break;
                vn += next;
            }
        }
    }

    IEnumerable<(long Offset, long Size, uint Link)> Sections(uint type)
    {
        var shoff = (long)U64(0x28);
        var shentsize = U16(0x3A);
        var shnum = U16(0x3C);
        for (var i = 0; i < shnum; i++)
        {
            var sh = shoff + (long)i * shentsize;
            if (U32(sh + 4) == type)
                yield return ((long)U64(sh + 0x18), (long)U64(sh + 0x20), U32(sh + 0x28));
        }
    }

    long SectionOffset(uint index) => (long)U64((long)U64(0x28) + (long)index * U16(0x3A) + 0x18);

    ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(_elf.AsSpan((int)at, 2));
    uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(_elf.AsSpan((int)at, 4));
    ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(_elf.AsSpan((int)at, 8));

    string Str(long at)
    {
        var end = Array.IndexOf(_elf, (byte)0, (int)at);
        return Encoding.ASCII.GetString(_elf, (int)at, end - (int)at);
    }
}
