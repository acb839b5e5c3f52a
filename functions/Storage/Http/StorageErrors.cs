using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace ShortSentences.Storage.Http;

/// <summary>Turns a failed response into a <see cref="StorageRequestException"/> with the service's error code.</summary>
internal static class StorageErrors
{
    public static StorageRequestException From(Response response, string operation)
    {
        var (code, message) = Parse(response.Content.ToString());
        if (response.Headers.TryGetValue("x-ms-error-code", out var headerCode) && !string.IsNullOrEmpty(headerCode))
            code = headerCode;
        return new StorageRequestException(response.Status, code, Describe(operation, response.Status, code, message));
    }

    public static string Describe(string operation, int status, string? code, string? message) =>
        $"{operation} failed: HTTP {status} {code ?? "(no error code)"}" +
        (string.IsNullOrWhiteSpace(message) ? "" : ": " + FirstLine(message));

    /// <summary>Reads the error body: JSON odata.error (tables) or XML &lt;Error&gt; (queues).</summary>
    public static (string? Code, string? Message) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null);
        var trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('{'))
            {
                using var doc = JsonDocument.Parse(trimmed);
                if (doc.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var msg = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, msg);
                }
            }
            else if (trimmed.StartsWith('<'))
            {
                var root = XDocument.Parse(trimmed).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }
        }
        catch (Exception e) when (e is JsonException or System.Xml.XmlException) { }
        return (null, FirstLine(body));
    }

    private static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
