using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ShortSentences.App.Http;

namespace ShortSentences.App.CustomHandler;

/// <summary>
/// The HTTP trigger inside a host invocation (enableForwardingHttpRequest false), both ways: the request object the
/// host puts in <c>Data.req</c> (Url, Method, Query, Headers with array values, Params, Identities, Body as a string,
/// or base64 for octet-stream) and the <c>res</c> output binding it expects back (statusCode, headers, body).
/// </summary>
public static class HttpTriggerPayload
{
    public static ApiRequest? ToApiRequest(JsonElement req)
    {
        if (req.ValueKind != JsonValueKind.Object) return null;
        if (InvocationValues.Property(req, "Url") is not { ValueKind: JsonValueKind.String } url
            || !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
            return null;
        var method = InvocationValues.Property(req, "Method") is { ValueKind: JsonValueKind.String } m ? m.GetString()! : "GET";
        var headers = ReadHeaders(InvocationValues.Property(req, "Headers"));
        var query = ApiRequest.CaseInsensitive(QueryHelpers.ParseQuery(uri.Query).Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())));
        var body = ReadBody(InvocationValues.Property(req, "Body"), headers.GetValueOrDefault("Content-Type"));
        var path = PathString.FromUriComponent(uri).Value ?? "/";
        return new ApiRequest(method.ToUpperInvariant(), path, query, headers, body);
    }

    private static Dictionary<string, string> ReadHeaders(JsonElement? headers)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is not { ValueKind: JsonValueKind.Object } h) return result;
        foreach (var p in h.EnumerateObject())
        {
            var value = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Array => string.Join(",", p.Value.EnumerateArray()
                    .Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())),
                _ => null,
            };
            if (value is not null) result[p.Name] = value;
        }
        return result;
    }

    private static ReadOnlyMemory<byte> ReadBody(JsonElement? body, string? contentType)
    {
        if (body is not { } b) return ReadOnlyMemory<byte>.Empty;
        if (b.ValueKind == JsonValueKind.String)
        {
            var text = b.GetString()!;
            var octet = contentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true;
            if (octet && Convert.TryFromBase64String(text, new byte[text.Length], out _)) return Convert.FromBase64String(text);
            return Encoding.UTF8.GetBytes(text);
        }
        // Some hosts hand JSON bodies over already parsed.
        return b.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? Encoding.UTF8.GetBytes(b.GetRawText()) : ReadOnlyMemory<byte>.Empty;
    }

    /// <summary>The <c>res</c> output binding for a response.</summary>
    public static Dictionary<string, object?> ToOutput(ApiResponse response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = response.ContentType };
        foreach (var (k, v) in response.Headers) headers[k] = v;
        return new Dictionary<string, object?>
        {
            ["statusCode"] = response.StatusCode,
            ["headers"] = headers,
            ["body"] = response.Body,
        };
    }
}
