using System.Text.Json;

namespace ShortSentences.App.Events;

/// <summary>
/// Parses a request body as one JSON object, strictly: valid UTF-8 throughout (System.Text.Json checks the bytes of a
/// string only when it is read, which would surface as a failure deep inside a handler), a depth limit so hostile
/// nesting costs nothing, and clean text in every string (<see cref="JsonText"/>). A body that fails any of these is
/// refused before anything reads a field of it.
/// </summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false };

    public static JsonDocument? TryParseObject(ReadOnlyMemory<byte> body, FieldErrors errors)
    {
        if (body.IsEmpty) { errors.Add("body", "is required: a JSON object"); return null; }
        if (!System.Text.Unicode.Utf8.IsValid(body.Span)) { errors.Add("body", "must be UTF-8 encoded JSON: it holds bytes that are not UTF-8"); return null; }
        try
        {
            var doc = JsonDocument.Parse(body, Options);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                var textErrors = new FieldErrors();
                JsonText.Check(doc.RootElement, "", textErrors);
                if (!textErrors.Any) return doc;
                errors.AddAll(textErrors);
            }
            else errors.Add("body", "must be a JSON object");
            doc.Dispose();
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
