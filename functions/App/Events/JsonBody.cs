using System.Text.Json;

namespace ShortSentences.App.Events;

/// <summary>Parses a request body as one JSON object, with a depth limit so hostile nesting costs nothing.</summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false };

    public static JsonDocument? TryParseObject(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        if (body.IsEmpty) { errors.Add("body", "is required: a JSON object"); return null; }
        try
        {
            var doc = JsonDocument.Parse(body, Options);
            if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc;
            doc.Dispose();
            errors.Add("body", "must be a JSON object");
        }
        catch (JsonException)
        {
            errors.Add("body", "must be well-formed JSON (UTF-8)");
        }
        catch (ArgumentException)
        {
            errors.Add("body", "must be UTF-8 encoded JSON");
        }
        return null;
    }
}
