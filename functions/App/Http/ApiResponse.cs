using System.Text.Json;

namespace ShortSentences.App.Http;

/// <summary>What a handler answers: a status, a content type, a body already serialised, and extra headers.</summary>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = ApiRequest.Empty;

    public static ApiResponse Json(int status, object value) =>
        new(status, "application/json; charset=utf-8", JsonSerializer.Serialize(value, ApiJson.Options));

    public ApiResponse WithHeader(string name, string value)
    {
        var headers = ApiRequest.CaseInsensitive(Headers);
        headers[name] = value;
        return this with { Headers = headers };
    }
}
