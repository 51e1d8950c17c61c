using System.Diagnostics;
using System.Text.RegularExpressions;
using Cads.Cli.Commands;

namespace Cads.Tests.Cli;

/// <summary>
/// The built CLI, run as its own process: help and bad usage answer without loading TorchSharp's native library.
/// glibc's loader, with LD_DEBUG=libs, writes a "calling init: PATH" line to standard error for every shared library
/// it loads, so what loaded is read off the process, not inferred.
/// </summary>
public class NativeLoadTests
{
    static readonly Regex NativeTorch = new(@"calling init: \S*(libtorch|LibTorchSharp)", RegexOptions.IgnoreCase);

    /// <summary>
    /// The CLI as built beside this test assembly: the test project references it, so it is built in the same
    /// configuration, into src/Cads.Cli/bin/CONFIGURATION/TFM/.
    /// </summary>
    static string CliPath
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepoPaths.Root, "src", "Cads.Cli", "bin", tfm.Parent!.Name, tfm.Name, "Cads.Cli.dll");
            Assert.True(File.Exists(path), $"no built CLI at {path}");
            return path;
        }
    }

    static (int Code, string Error) RunTraced(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(CliPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["LD_DEBUG"] = "libs";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        output.Wait();
        Assert.True(process.WaitForExit(120_000), "the CLI did not exit");
        return (process.ExitCode, error);
    }

    [Theory]
    [InlineData(0, "sample|--help")]
    [InlineData(0, "eval|-h")]
    [InlineData(0, "train|model|--help")]
    [InlineData(2, "sample|--cads|--psi|1.5")]
    [InlineData(2, "eval|--world|2d|--tau1|0.7")]
    public void Help_and_bad_usage_answer_before_the_native_library_loads(int code, string args)
    {
        if (!OperatingSystem.IsLinux()) return; // LD_DEBUG is glibc's
        var (exit, error) = RunTraced(args.Split('|'));
        Assert.Equal(code, exit);
        Assert.Contains("calling init:", error); // the trace is on: libraries that did load are listed
        Assert.DoesNotMatch(NativeTorch, error);
    }

    [Fact]
    public void The_trace_sees_the_native_library_when_a_verb_loads_it()
    {
        if (!OperatingSystem.IsLinux()) return;
        var (exit, error) = RunTraced("info");
        Assert.Equal(0, exit);
        Assert.Matches(NativeTorch, error);
    }
}
