using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Cads.Cli.Notebooks;

/// <summary>What the kernel answered to one submission: every event it sent, and the failure message if it failed.</summary>
public sealed record KernelReply(IReadOnlyList<JsonObject> Events, string? Failure)
{
    public bool Succeeded => Failure is null;
}

/// <summary>
/// One dotnet-interactive kernel process driven over its stdio protocol, as an editor drives it: one JSON command per
/// line in (SubmitCode with a token), one JSON event per line out, until CommandSucceeded or CommandFailed carries
/// that token. One submission at a time. Disposing kills the kernel and every process it started.
/// </summary>
public sealed class KernelSession : IAsyncDisposable
{
    readonly Process _process;
    readonly Channel<JsonObject> _events = Channel.CreateUnbounded<JsonObject>();
    readonly Queue<string> _stderrTail = new();
    int _submissions;
    bool _broken;

    KernelSession(Process process)
    {
        _process = process;
        _ = Task.Run(ReadEventsAsync);
        _ = Task.Run(ReadErrorsAsync);
    }

    /// <summary>The kernel's process id (its children are the kernel's too).</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the kernel pinned in <paramref name="repoRoot"/>'s tool manifest with <paramref name="workingDirectory"/> as
    /// its current folder (editors use the notebook's folder). <paramref name="environment"/>: variables to set (a null
    /// value removes one).
    /// </summary>
    public static KernelSession Start(string repoRoot, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false), StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(KernelTool.EntryPointPath(repoRoot));
        foreach (var argument in new[] { "stdio", "--default-kernel", "csharp" }) start.ArgumentList.Add(argument);
        // No first-run banner or telemetry notice in the protocol stream.
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        return new KernelSession(Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet-interactive"));
    }

    /// <summary>Runs <paramref name="code"/> in the C# kernel and collects its events; a kernel that exits or stays silent past <paramref name="timeout"/> fails the submission.</summary>
    public async Task<KernelReply> SubmitAsync(string code, TimeSpan timeout)
    {
        if (_broken) return new KernelReply([], "the kernel stopped answering earlier in this session");
        var token = $"cads-{++_submissions}";
        var command = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
            ["token"] = token,
        };
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();

        var events = new List<JsonObject>();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var e = await _events.Reader.ReadAsync(deadline.Token);
                events.Add(e);
                if ((string?)e["command"]?["token"] != token) continue;
                switch ((string?)e["eventType"])
                {
                    case "CommandSucceeded": return new KernelReply(events, null);
                    case "CommandFailed": return new KernelReply(events, (string?)e["event"]?["message"] ?? "the cell failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            _broken = true;
            return new KernelReply(events, $"no answer from the kernel within {timeout.TotalSeconds:F0} s");
        }
        catch (ChannelClosedException)
        {
            _broken = true;
            await _process.WaitForExitAsync();
            return new KernelReply(events, $"the kernel exited (exit code {_process.ExitCode}) while running the cell:\n{StderrTail()}");
        }
    }

    async Task ReadEventsAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                // Anything but a JSON object (a banner, a stray write) is not part of the protocol.
                if (!line.StartsWith('{')) continue;
                JsonObject? e;
                try { e = JsonNode.Parse(line) as JsonObject; }
                catch (JsonException) { continue; }
                if (e is not null) await _events.Writer.WriteAsync(e);
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > 40) _stderrTail.Dequeue();
            }
    }

    string StderrTail()
    {
        lock (_stderrTail) return string.Join("\n", _stderrTail);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
