using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TorchSharp;

namespace Cads.Runtime;

/// <summary>
/// Makes TorchSharp's native library load where the system libstdc++ is older than the one it was built
/// against (Debian 12, Ubuntu 22.04). libLibTorchSharp.so 0.107.0 asks for GLIBCXX_3.4.32 for a single
/// symbol it never calls through a relocation; marking that version requirement weak in a private copy
/// lets glibc load it. Nothing is done where libstdc++ already provides every version the library needs.
/// </summary>
internal static class NativeBackend
{
    const string LibraryName = "LibTorchSharp";
    const string FileName = "libLibTorchSharp.so";

    static readonly object Gate = new();
    static bool _prepared;
    static IntPtr _handle;

    /// <summary>What was done, for the one log line; null when nothing was needed.</summary>
    public static string? Note { get; private set; }

    /// <summary>
    /// Loads the patched copy before TorchSharp's first native call, where one is needed. TorchSharp's own probing
    /// then ends at the bare soname, which the dynamic loader matches to the copy already loaded; its P/Invokes
    /// resolve to the same handle. Safe to call more than once.
    /// </summary>
    public static void Prepare()
    {
        lock (Gate)
        {
            if (_prepared || !OperatingSystem.IsLinux()) return;
            _prepared = true;
            var original = FindOriginal();
            if (original is null) return;
            var missing = MissingVersions(original);
            if (missing.Count == 0) return; // the system loads the shipped file as it is
            var libtorchDir = FindLibtorchDir(original);
            if (libtorchDir is null) return; // let TorchSharp report what it cannot find

            var patched = PatchedCopy(original, missing);
            // The copy lives elsewhere, so its $ORIGIN no longer finds libtorch: load its dependencies first
            // by full path, and the loader then matches them by soname.
            foreach (var dependency in ElfVersions.Read(patched).NeededLibraries())
            {
                var path = Path.Combine(libtorchDir, dependency);
                if (File.Exists(path)) NativeLibrary.Load(path);
            }
            _handle = NativeLibrary.Load(patched);
            NativeLibrary.SetDllImportResolver(typeof(torch).Assembly,
                (name, _, _) => name == LibraryName ? _handle : IntPtr.Zero);
            Note = $"cads: this libstdc++ lacks {string.Join(", ", missing.Order())} needed by {FileName}; " +
                   $"loaded a copy with that requirement marked weak: {patched}";
        }
    }

    static HashSet<string> MissingVersions(string library)
    {
        var libstdcxx = LoadedLibstdcxx();
        if (libstdcxx is null) return [];
        var provided = ElfVersions.Read(libstdcxx).Defined().ToHashSet();
        return ElfVersions.Read(library).Needed()
            .Where(n => n.Library == "libstdc++.so.6" && !n.Weak && !provided.Contains(n.Version))
            .Select(n => n.Version)
            .ToHashSet();
    }

    // The libstdc++ the loader will pick for libtorch: load it by soname (as libtorch would), then read its path
    // from this process's memory map.
    static string? LoadedLibstdcxx()
    {
        if (!NativeLibrary.TryLoad("libstdc++.so.6", out _)) return null;
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault())
                .FirstOrDefault(path => path != null && Path.GetFileName(path).StartsWith("libstdc++.so") && File.Exists(path));
        }
        catch (IOException) { return null; }
    }

    // Where .NET would find the shipped file: next to a built app, or in TorchSharp's NuGet package (notebook kernels).
    static string? FindOriginal()
    {
        var torchSharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "";
        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName),
            Path.Combine(AppContext.BaseDirectory, FileName),
            Path.Combine(torchSharpDir, FileName),
            Path.GetFullPath(Path.Combine(torchSharpDir, "..", "..", "runtimes", "linux-x64", "native", FileName)),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    // The folder holding libtorch.so: beside the shipped file in a built app; for a notebook kernel, TorchSharp's
    // consolidated folder or the libtorch-cpu package of the NuGet cache.
    static string? FindLibtorchDir(string original)
    {
        var torchSharpDir = Path.GetDirectoryName(typeof(torch).Assembly.Location) ?? "";
        var candidates = new List<string> { Path.GetDirectoryName(original)! };
        if (Directory.Exists(torchSharpDir))
            candidates.AddRange(Directory.GetDirectories(torchSharpDir).Order());
        var packages = Path.GetFullPath(Path.Combine(torchSharpDir, "..", "..", "..", ".."));
        var cpuPackage = Path.Combine(packages, "libtorch-cpu-linux-x64");
        if (Directory.Exists(cpuPackage))
            candidates.AddRange(Directory.GetDirectories(cpuPackage).OrderDescending()
                .Select(v => Path.Combine(v, "runtimes", "linux-x64", "native")));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "libtorch.so")));
    }

    // Written once per distinct original (named by its hash), to a temporary name and then renamed,
    // so a concurrent or interrupted process never sees half a library.
    static string PatchedCopy(string original, IReadOnlySet<string> missing)
    {
        var elf = ElfVersions.Read(original);
        var hash = Convert.ToHexString(SHA256.HashData(elf.Bytes))[..16].ToLowerInvariant();
        var dir = Path.Combine(CacheRoot(), "native", hash);
        var target = Path.Combine(dir, FileName);
        if (File.Exists(target)) return target;

        Directory.CreateDirectory(dir);
        elf.MarkWeak(missing);
        var temp = Path.Combine(dir, $"{FileName}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(temp, elf.Bytes);
        File.Move(temp, target, overwrite: true);
        return target;
    }

    static string CacheRoot()
    {
        var overridden = Environment.GetEnvironmentVariable("CADS_CACHE");
        if (!string.IsNullOrEmpty(overridden)) return overridden;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "cads");
    }
}
