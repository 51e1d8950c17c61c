namespace Cads.Cli.Commands;

/// <summary>Finds the repository's folders, so the CLI works from any folder inside the checkout.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "Cads.slnx")))
                        return dir.FullName;
            throw new DirectoryNotFoundException(
                "Cannot find the repository root (a folder with Cads.slnx) above the current folder or the cads binary.");
        }
    }

    public static string Notebooks => Path.Combine(Root, "notebooks");
    public static string Artifacts => Path.Combine(Root, "artifacts");
}
