using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cads.Tests.Pages;

/// <summary>
/// A minimal Chrome DevTools Protocol client over one WebSocket: commands with ids (answered in any order), events
/// to subscribers, and flat sessions (a page's commands and events carry its sessionId).
/// </summary>
public sealed class CdpConnection : IAsyncDisposable
{
    readonly ClientWebSocket _socket = new();
    readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    readonly SemaphoreSlim _sending = new(1, 1);
    readonly CancellationTokenSource _closing = new();
    int _nextId;
    Task _receiving = Task.CompletedTask;

    /// <summary>Every event: method, sessionId (null for the browser), params.</summary>
    public event Action<string, string?, JsonElement>? Event;

    public static async Task<CdpConnection> ConnectAsync(Uri endpoint)
    {
        var cdp = new CdpConnection();
        cdp._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await cdp._socket.ConnectAsync(endpoint, CancellationToken.None);
        cdp._receiving = Task.Run(cdp.ReceiveAsync);
        return cdp;
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, string? sessionId = null,
        TimeSpan? timeout = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null) message["sessionId"] = sessionId;
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
        try
        {
            return await answer.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"CDP {method}: no answer in time");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _closing.Token);
                if (part.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage) continue;
                var root = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                message.SetLength(0);
                Dispatch(root);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        foreach (var pending in _pending.Values)
            pending.TrySetException(new InvalidOperationException("the DevTools connection closed"));
    }

    void Dispatch(JsonElement root)
    {
        if (root.TryGetProperty("id", out var id))
        {
            if (!_pending.TryGetValue(id.GetInt32(), out var answer)) return;
            if (root.TryGetProperty("error", out var error))
                answer.TrySetException(new InvalidOperationException($"CDP error: {error}"));
            else
                answer.TrySetResult(root.TryGetProperty("result", out var result) ? result : default);
            return;
        }
        if (!root.TryGetProperty("method", out var method)) return;
        var session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
        Event?.Invoke(method.GetString()!, session, root.TryGetProperty("params", out var p) ? p : default);
    }

    public async ValueTask DisposeAsync()
    {
        _closing.Cancel();
        try { await _receiving.WaitAsync(TimeSpan.FromSeconds(5)); } catch { /* closing anyway */ }
        _socket.Dispose();
    }
}
