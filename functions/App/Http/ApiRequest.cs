namespace ShortSentences.App.Http;

/// <summary>
/// One call to a function endpoint, whichever way it arrived: straight over HTTP (locally, or forwarded by the
/// Functions host) or inside a custom-handler invocation payload. Handlers see only this.
/// </summary>
public sealed record ApiRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>Values captured by the route template, e.g. the journey id in <c>api/journeys/{id}</c>.</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; init; } = Empty;

    public static IReadOnlyDictionary<string, string> Empty { get; } =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    public string? QueryValue(string name) => Query.TryGetValue(name, out var v) ? v : null;

    public string Route(string name) => RouteValues.TryGetValue(name, out var v) ? v : "";

    public static Dictionary<string, string> CaseInsensitive(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in pairs) d[k] = v;
        return d;
    }
}
