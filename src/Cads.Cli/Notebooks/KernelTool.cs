using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Cads.Cli.Notebooks;

/// <summary>
/// The notebook kernel that VS Code Polyglot Notebooks and Jupyter start, dotnet-interactive, at the version pinned in
/// the repository's local tool manifest (.config/dotnet-tools.json). The runner starts the tool's own program directly
/// (what `dotnet tool run dotnet-interactive` starts), so any folder can be a notebook's working folder.
/// </summary>
public static class KernelTool
{
    public const string PackageId = "microsoft.dotnet-interactive";
    const string EntryPoint = "Microsoft.DotNet.Interactive.App.dll";

    /// <summary>The kernel version pinned in the manifest.</summary>
    /// <exception cref="FileNotFoundException">No manifest, or the tool is not in it.</exception>
    public static string PinnedVersion(string repoRoot)
    {
        var manifest = Path.Combine(repoRoot, ".config", "dotnet-tools.json");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"No local tool manifest at {manifest}: the kernel version is pinned there.");
        return (string?)JsonNode.Parse(File.ReadAllText(manifest))?["tools"]?[PackageId]?["version"]
               ?? throw new FileNotFoundException($"{manifest} does not pin {PackageId}.");
    }

    /// <summary>The kernel program (a .dll run by `dotnet`); restores the repository's local tools first when it is missing.</summary>
    /// <exception cref="FileNotFoundException">The tool could not be restored.</exception>
    public static string EntryPointPath(string repoRoot)
    {
        var version = PinnedVersion(repoRoot);
        if (Find(version) is { } found) return found;
        var restore = Restore(repoRoot);
        return Find(version) ?? throw new FileNotFoundException(
            $"dotnet-interactive {version} is not installed and `dotnet tool restore` did not install it:\n{restore}");
    }

    static string? Find(string version)
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, PackageId, version, "tools");
        return Directory.Exists(tools) ? Directory.GetFiles(tools, EntryPoint, SearchOption.AllDirectories).FirstOrDefault() : null;
    }

    static string Restore(string repoRoot)
    {
        var start = new ProcessStartInfo("dotnet", "tool restore")
        {
            WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output.Result + error;
    }
}
