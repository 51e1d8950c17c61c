namespace Cads.Cli.Commands;

/// <summary>Bad command-line usage: the message says what was wrong.</summary>
public sealed class UsageException(string message) : Exception(message)
{
    /// <summary>
    /// The message of a usage error or of the library's ArgumentException, without the " (Parameter 'name')" that
    /// .NET appends: the library's messages already name the setting and its range.
    /// </summary>
    public static string MessageOf(Exception e) =>
        e is ArgumentException { ParamName: { } name } ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
}
