using System.Security.Cryptography;
using System.Text;

namespace ShortSentences.Storage.Http;

/// <summary>
/// The Shared Key string-to-sign rules from "Authorize with Shared Key" (Azure Storage REST docs), as pure functions.
/// Tables use the short form (verb, Content-MD5, Content-Type, date, resource with only ?comp=);
/// queues use the full form with canonicalized x-ms- headers and every query parameter.
/// The canonicalized resource is "/account" + the URI path, so path-style Azurite URIs give "/devstoreaccount1/devstoreaccount1/...".
/// </summary>
public static class SharedKeySignature
{
    public static string TableStringToSign(string verb, string? contentMd5, string? contentType, string date,
        string accountName, Uri uri)
    {
        var resource = "/" + accountName + uri.AbsolutePath;
        var comp = QueryParameters(uri).FirstOrDefault(p => p.Name == "comp");
        if (comp.Name is not null) resource += "?comp=" + comp.Value;
        return string.Join("\n", verb.ToUpperInvariant(), contentMd5 ?? "", contentType ?? "", date, resource);
    }

    public static string QueueStringToSign(string verb, IReadOnlyDictionary<string, string> headers, long? contentLength,
        string accountName, Uri uri)
    {
        string H(string name) => headers.TryGetValue(name, out var v) ? v : "";
        var sb = new StringBuilder();
        sb.Append(verb.ToUpperInvariant()).Append('\n')
          .Append(H("Content-Encoding")).Append('\n')
          .Append(H("Content-Language")).Append('\n')
          // Since version 2015-02-21 a zero Content-Length is signed as an empty string.
          .Append(contentLength is > 0 ? contentLength.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "").Append('\n')
          .Append(H("Content-MD5")).Append('\n')
          .Append(H("Content-Type")).Append('\n')
          .Append("").Append('\n') // Date: x-ms-date is sent instead and signed among the canonicalized headers
          .Append(H("If-Modified-Since")).Append('\n')
          .Append(H("If-Match")).Append('\n')
          .Append(H("If-None-Match")).Append('\n')
          .Append(H("If-Unmodified-Since")).Append('\n')
          .Append(H("Range")).Append('\n');
        foreach (var (name, value) in headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
            sb.Append(name).Append(':').Append(value).Append('\n');
        sb.Append('/').Append(accountName).Append(uri.AbsolutePath);
        foreach (var group in QueryParameters(uri).GroupBy(p => p.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.Append('\n').Append(group.Key).Append(':')
              .Append(string.Join(",", group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        return sb.ToString();
    }

    public static string Sign(string stringToSign, byte[] key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    private static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0) yield break;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : pair[(eq + 1)..];
            yield return (Uri.UnescapeDataString(name).ToLowerInvariant(), Uri.UnescapeDataString(value));
        }
    }
}
