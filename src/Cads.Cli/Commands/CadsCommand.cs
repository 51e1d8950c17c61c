using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Cads.Cli.Commands;

/// <summary>
/// The `cads` command: one verb per capability, each in its own file, parsed by System.CommandLine. The help of every
/// verb is generated from the same option declarations that parse and check its arguments.
/// </summary>
public static class CadsCommand
{
    /// <summary>The command tree, built anew for each run (the verbs hold their option declarations).</summary>
    public static Command Create()
    {
        // A plain command rather than a RootCommand, which would take its name, shown in every usage line, from the
        // executable (Cads.Cli, or a test host).
        var root = new Command("cads", """
            classifier-free guidance and CADS on Fashion-MNIST and a 2-D world: notebooks, training, sampling, evaluation.
            Environment: CADS_DEVICE=cpu|cuda overrides the device (default: CUDA when available, else CPU);
            CADS_QUICK=1 shrinks notebook sample counts (as notebooks --quick does).
            Exit codes: 0 success, 1 failure (a missing file, a failed notebook, a missed target), 2 bad usage.
            """)
        {
            new NotebooksCommand(),
            TrainCommand.Create(),
            new SampleCommand(),
            new EvalCommand(),
            new BenchCommand(),
            new InfoCommand(),
        };
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption());
        RequireSubcommand(root);
        return root;
    }

    /// <summary>Runs a command line; returns the process exit code (0 success, 1 failure, 2 bad usage).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        // `cads` and `cads help` list the commands, as `cads --help` does.
        if (args is [] or ["help"]) args = ["--help"];
        var result = Create().Parse(args);
        // --help shows the help even beside a bad value (its action clears the parse errors).
        if (result.Errors.Count > 0 && result.Action is not { ClearsParseErrors: true })
        {
            foreach (var e in result.Errors) error.WriteLine($"cads: {e.Message}");
            error.WriteLine($"see '{PathOf(result.CommandResult)} --help'.");
            return 2;
        }
        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.WriteLine($"cads: {e.Message}");
            error.WriteLine($"see '{PathOf(result.CommandResult)} --help'.");
            return 2;
        }
        catch (ArgumentException e)
        {
            // A setting the library refuses (a verb's Check runs the library's own validation).
            error.WriteLine($"cads: {UsageException.MessageOf(e)}");
            return 2;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            error.WriteLine($"cads: {e.Message}");
            return 1;
        }
    }

    /// <summary>Makes <paramref name="group"/> (cads, cads train) say which commands it takes when given none.</summary>
    public static void RequireSubcommand(Command group) => group.SetAction((Action<ParseResult>)(result =>
        throw new UsageException($"{result.CommandResult.Command.Name} needs one of: " +
                                 string.Join("; ", group.Subcommands.Select(c => $"{c.Name} ({c.Description})")) + ".")));

    /// <summary>"cads train model": the command's words.</summary>
    static string PathOf(CommandResult command) =>
        command.Parent is CommandResult parent ? $"{PathOf(parent)} {command.Command.Name}" : command.Command.Name;
}
