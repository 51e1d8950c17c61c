namespace Cads.Data;

/// <summary>
/// Finds the repository's data/ folder (datasets and shipped weights) from wherever the code runs: a test's bin folder,
/// the CLI, or a notebook opened in notebooks/.
/// </summary>
public static class DataFolder
{
    /// <summary>The environment variable that points at the data folder explicitly.</summary>
    public const string Variable = "CADS_DATA";

    // A folder named data that holds this subfolder is ours, not some unrelated data/ higher up.
    const string Marker = "fashion-mnist";

    /// <summary>
    /// The data folder: $CADS_DATA when set, else the first data/ holding fashion-mnist/ found walking up from the
    /// current directory, then from the application's base directory.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">CADS_DATA names no folder, or no data folder was found.</exception>
    public static string Find()
    {
        var overridden = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            if (!Directory.Exists(overridden))
                throw new DirectoryNotFoundException($"{Variable}={overridden} is not a folder; point it at the repository's data/ folder or unset it.");
            return Path.GetFullPath(overridden);
        }
        string[] starts = [Environment.CurrentDirectory, AppContext.BaseDirectory];
        return starts.Select(FindAbove).FirstOrDefault(found => found is not null)
            ?? throw new DirectoryNotFoundException(
                $"Could not find the repository's data/ folder (one holding {Marker}/) in or above {starts[0]} or {starts[1]}. " +
                $"Run from inside the repository or set {Variable} to the data folder's path.");
    }

    /// <summary>A path inside the data folder, e.g. <c>Path("models", "classifier.pt")</c>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Find(), .. parts]);

    static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data");
            if (Directory.Exists(Path.Combine(candidate, Marker))) return candidate;
        }
        return null;
    }
}
