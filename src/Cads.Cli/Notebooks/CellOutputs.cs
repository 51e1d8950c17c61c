using System.Text.Json.Nodes;

namespace Cads.Cli.Notebooks;

/// <summary>Maps the kernel's events for one cell (its stdio protocol's JSON) to Jupyter (nbformat 4) outputs.</summary>
internal static class CellOutputs
{
    /// <summary>Appends the cell's outputs, an error output last when the cell failed.</summary>
    public static void Collect(KernelReply reply, JsonArray outputs, int executionCount)
    {
        // A display that is later updated keeps its place and takes the new value (progress bars). This kernel build
        // gives a display's updates another valueId than the display itself, so an update with an unseen id is bound
        // to the latest display that has no updates yet.
        var displays = new Dictionary<string, JsonObject>();
        var unbound = new Stack<JsonObject>();
        foreach (var e in reply.Events)
        {
            var body = e["event"] as JsonObject ?? new JsonObject();
            var valueId = (string?)body["valueId"];
            switch ((string?)e["eventType"])
            {
                case "StandardOutputValueProduced":
                    AppendStream(outputs, "stdout", PlainText(body));
                    break;
                case "StandardErrorValueProduced":
                    AppendStream(outputs, "stderr", PlainText(body));
                    break;
                case "ReturnValueProduced":
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["execution_count"] = executionCount,
                        ["data"] = MimeBundle(body),
                        ["metadata"] = new JsonObject(),
                    });
                    break;
                case "DisplayedValueUpdated" when valueId is not null:
                    if (!displays.TryGetValue(valueId, out var shown) && unbound.TryPop(out shown))
                        displays[valueId] = shown;
                    if (shown is not null) shown["data"] = MimeBundle(body);
                    break;
                case "DisplayedValueProduced":
                    var display = new JsonObject
                    {
                        ["output_type"] = "display_data",
                        ["data"] = MimeBundle(body),
                        ["metadata"] = new JsonObject(),
                    };
                    if (valueId is not null) displays[valueId] = display;
                    unbound.Push(display);
                    outputs.Add(display);
                    break;
                case "ErrorProduced":
                    outputs.Add(Error((string?)body["message"] ?? PlainText(body)));
                    break;
            }
        }
        if (reply.Failure is { } failure) outputs.Add(Error(failure));
    }

    // The kernel sends "Type: message\n   at ..." for exceptions and "(1,9): error CS0029: ..." for compile errors.
    static JsonObject Error(string message)
    {
        var headline = message.Split('\n')[0].TrimEnd('\r');
        var colon = headline.IndexOf(": ", StringComparison.Ordinal);
        var isException = colon > 0 && !headline[..colon].Contains(' ') && headline[..colon].Contains('.');
        return new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = isException ? headline[..colon].Split('.')[^1] : "Error",
            ["evalue"] = isException ? headline[(colon + 2)..] : headline,
            ["traceback"] = new JsonArray(message.Split('\n').Select(l => (JsonNode)l.TrimEnd('\r')).ToArray()),
        };
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

    static IEnumerable<JsonObject> FormattedValues(JsonObject body) =>
        (body["formattedValues"] as JsonArray ?? []).OfType<JsonObject>();

    static string PlainText(JsonObject body)
    {
        var values = FormattedValues(body).ToList();
        return (string?)values.FirstOrDefault(v => (string?)v["mimeType"] == "text/plain")?["value"]
               ?? (string?)values.FirstOrDefault()?["value"] ?? "";
    }

    static JsonObject MimeBundle(JsonObject body)
    {
        var bundle = new JsonObject();
        foreach (var value in FormattedValues(body))
            if ((string?)value["mimeType"] is { } mime) bundle[mime] = (string?)value["value"];
        return bundle;
    }
}
