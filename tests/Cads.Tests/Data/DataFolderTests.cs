using Cads.Data;

namespace Cads.Tests.Data;

// In the torch collection because it changes CADS_DATA, which the other data-reading tests depend on.
public class DataFolderTests
{
    [Fact]
    public void Finds_the_repository_data_folder_from_the_test_run()
    {
        var folder = DataFolder.Find();
        Assert.Equal("data", Path.GetFileName(folder));
        Assert.True(File.Exists(Path.Combine(folder, "README.md")));
    }

    [Fact]
    public void Honours_CADS_DATA()
    {
        using var temp = new TempFolder();
        WithVariable(temp.Path, () => Assert.Equal(temp.Path, DataFolder.Find()));
    }

    [Fact]
    public void CADS_DATA_naming_no_folder_is_an_error_naming_it()
    {
        var missing = Path.Combine(Path.GetTempPath(), "cads-no-such-folder-" + Guid.NewGuid().ToString("N"));
        WithVariable(missing, () =>
        {
            var e = Assert.Throws<DirectoryNotFoundException>(DataFolder.Find);
            Assert.StartsWith($"CADS_DATA={missing} is not a folder", e.Message);
        });
    }

    static void WithVariable(string value, Action test)
    {
        var before = Environment.GetEnvironmentVariable(DataFolder.Variable);
        Environment.SetEnvironmentVariable(DataFolder.Variable, value);
        try { test(); }
        finally { Environment.SetEnvironmentVariable(DataFolder.Variable, before); }
    }
}
