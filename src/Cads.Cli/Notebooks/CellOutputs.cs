using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Cads.Cli.Notebooks;

/// <summary>Maps the kernel's events for one cell to Jupyter (nbformat 4) outputs.</summary>
internal static class CellOutputs
{
    /// <summary>Appends the cell's outputs; returns the error text when the cell failed, else null.</summary>
    public static string? Collect(IEnumerable<KernelEvent> events, JsonArray outputs, int executionCount)
    {
        // A display that is later updated keeps its place and takes the new value (progress bars). This kernel build
        // gives a display's updates another ValueId than the display itself, so an update with an unseen id is bound
        // to the latest display that has no updates yet.
        var displays = new Dictionary<string, JsonObject>();
        var unbound = new Stack<JsonObject>();
        string? failure = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    AppendStream(outputs, "stdout", PlainText(o.FormattedValues));
                    break;
                case StandardErrorValueProduced o:
                    AppendStream(outputs, "stderr", PlainText(o.FormattedValues));
                    break;
                case ReturnValueProduced r:
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["execution_count"] = executionCount,
                        ["data"] = MimeBundle(r.FormattedValues, r.Value),
                        ["metadata"] = new JsonObject(),
                    });
                    break;
                case DisplayedValueUpdated u when u.ValueId is not null:
                    if (!displays.TryGetValue(u.ValueId, out var shown) && unbound.TryPop(out shown))
                        displays[u.ValueId] = shown;
                    if (shown is not null) shown["data"] = MimeBundle(u.FormattedValues, u.Value);
                    break;
                case DisplayedValueProduced d:
                    var display = new JsonObject
                    {
                        ["output_type"] = "display_data",
                        ["data"] = MimeBundle(d.FormattedValues, d.Value),
                        ["metadata"] = new JsonObject(),
                    };
                    if (d.ValueId is not null) displays[d.ValueId] = display;
                    unbound.Push(display);
                    outputs.Add(display);
                    break;
                case CommandFailed f:
                    var name = f.Exception?.GetType().Name ?? "Error";
                    var message = f.Exception?.Message ?? f.Message;
                    failure = $"{name}: {message}";
                    var trace = f.Exception?.ToString() ?? failure;
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "error",
                        ["ename"] = name,
                        ["evalue"] = message,
                        ["traceback"] = new JsonArray(trace.Split('\n').Select(l => (JsonNode)l.TrimEnd('\r')).ToArray()),
                    });
                    break;
            }
        }
        return failure;
    }

    // Consecutive writes to one stream form one output, as Jupyter shows them.
    static void AppendStream(JsonArray outputs, string stream, string text)
    {
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" &&
            (string?)last["name"] == stream)
        {
            last["text"]!.AsArray().Add(text);
            return;
        }
        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = stream, ["text"] = new JsonArray(text) });
    }

    static string PlainText(IEnumerable<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? values.FirstOrDefault()?.Value ?? "";

    // Frontends ask the kernel for text/plain beside HTML; do the same so Jupyter, VS Code and plain viewers
    // all have a representation. Rich outputs with scripts (charts) need none.
    static JsonObject MimeBundle(IEnumerable<FormattedValue> values, object? value)
    {
        var bundle = new JsonObject();
        foreach (var formatted in values) bundle[formatted.MimeType] = formatted.Value;
        var html = (string?)bundle[HtmlFormatter.MimeType];
        if (bundle[PlainTextFormatter.MimeType] is null && value is not null && html?.Contains("<script") != true)
            bundle[PlainTextFormatter.MimeType] = value.ToDisplayString(PlainTextFormatter.MimeType);
        return bundle;
    }
}
