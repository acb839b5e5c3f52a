using System.Text;
using System.Text.Json;

namespace ShortSentences.App.CustomHandler;

/// <summary>
/// Reads values out of a host invocation payload. The host serialises a string input with JSON.NET before it puts it
/// in <c>Data</c> (so a queue message "{...}" arrives as "\"{...}\""), sends byte inputs as base64, and metadata
/// primitives as JSON text; older hosts and the documentation's examples differ. We accept every one of these.
/// </summary>
public static class InvocationValues
{
    /// <summary>The message text of a trigger input, unwrapped from JSON-string and base64 encodings.</summary>
    public static string? Text(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object or JsonValueKind.Array:
                return value.GetRawText();
            case JsonValueKind.String:
                return Unwrap(value.GetString()!, depth: 0);
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                return value.GetRawText();
            default:
                return null;
        }
    }

    private static string Unwrap(string s, int depth)
    {
        if (depth > 3) return s;
        var t = s.Trim();
        if (t.StartsWith('"'))
        {
            try
            {
                if (JsonSerializer.Deserialize<string>(t) is { } inner) return Unwrap(inner, depth + 1);
            }
            catch (JsonException) { }
            return s;
        }
        if (t.StartsWith('{') || t.StartsWith('[')) return t;
        if (t.Length >= 4 && t.Length % 4 == 0 && TryBase64(t) is { } decoded
            && decoded.TrimStart() is var d && (d.StartsWith('{') || d.StartsWith('"')))
            return Unwrap(decoded, depth + 1);
        return s;
    }

    private static string? TryBase64(string s)
    {
        var buffer = new byte[s.Length];
        if (!Convert.TryFromBase64String(s, buffer, out var n)) return null;
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, n); }
        catch (DecoderFallbackException) { return null; }
    }

    /// <summary>A metadata value as plain text: "1", "\"abc\"" and "abc" all read as their content.</summary>
    public static string? MetadataText(JsonElement metadata, string name)
    {
        if (metadata.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in metadata.EnumerateObject())
        {
            if (!p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            return p.Value.ValueKind switch
            {
                JsonValueKind.String => Unwrap(p.Value.GetString()!, 0),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                JsonValueKind.Object or JsonValueKind.Array => p.Value.GetRawText(),
                _ => null,
            };
        }
        return null;
    }

    public static int? MetadataInt(JsonElement metadata, string name) =>
        int.TryParse(MetadataText(metadata, name), out var n) ? n : null;

    /// <summary>A property of an object ignoring case (the host is JSON.NET, which is case-insensitive).</summary>
    public static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        if (obj.TryGetProperty(name, out var exact)) return exact;
        foreach (var p in obj.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }
}
