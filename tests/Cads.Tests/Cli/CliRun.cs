using Cads.Cli.Commands;

namespace Cads.Tests.Cli;

/// <summary>Runs the `cads` command line in this process and keeps what it wrote.</summary>
public sealed record CliRun(int Code, string Output, string Error)
{
    public static async Task<CliRun> Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CadsCommand.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
