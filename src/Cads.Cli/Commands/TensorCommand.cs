using System.CommandLine;
using Cads.Runtime;

namespace Cads.Cli.Commands;

/// <summary>
/// A verb that computes with tensors. The parser checks each option's value, then <see cref="Check"/> the rules that
/// join several; only then does the action load TorchSharp's native library, so `--help` and bad usage answer at
/// once, without it.
/// </summary>
public abstract class TensorCommand : Command
{
    protected TensorCommand(string name, string description) : base(name, description) =>
        SetAction(result =>
        {
            Check(result);
            CadsRuntime.Init();
            return Run(result, result.InvocationConfiguration.Output);
        });

    /// <summary>
    /// The verb's rules over several options (tau1 &lt;= tau2 once a baseline fills in, CADS knobs without --cads).
    /// Rules run after parsing rather than as the parser's validators, which see no default values.
    /// </summary>
    /// <exception cref="UsageException">A rule is broken.</exception>
    /// <exception cref="ArgumentException">The library refuses the settings; the message names the one.</exception>
    protected virtual void Check(ParseResult result) { }

    /// <summary>The verb's work, on arguments the parser has accepted; returns the exit code.</summary>
    protected abstract int Run(ParseResult result, TextWriter output);
}
