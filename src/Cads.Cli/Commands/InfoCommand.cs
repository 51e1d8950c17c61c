using System.CommandLine;
using Cads.Runtime;

namespace Cads.Cli.Commands;

/// <summary>`cads info`: the device and the TorchSharp and libtorch versions.</summary>
public sealed class InfoCommand() : TensorCommand("info", "show the device and the TorchSharp and libtorch versions")
{
    protected override int Run(ParseResult result, TextWriter output)
    {
        output.WriteLine(CadsRuntime.Describe());
        return 0;
    }
}
