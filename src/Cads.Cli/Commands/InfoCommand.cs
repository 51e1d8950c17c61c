using Cads.Runtime;

namespace Cads.Cli.Commands;

static class InfoCommand
{
    public static int Run(TextWriter output)
    {
        output.WriteLine(CadsRuntime.Describe());
        return 0;
    }
}
