using System.Security.Cryptography;
using System.Text;

namespace ShortSentences.App.Http;

/// <summary>
/// The function-key check for endpoints with authLevel "function". In Azure the Functions host checks the key before
/// it calls us (so <see cref="Enforced"/> is false there); locally there is no host, so we check the key from local
/// settings, taken from the 'x-functions-key' header or the 'code' query parameter, as the host does.
/// </summary>
public sealed class KeyPolicy(string? key, bool enforced)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public bool Enforced => enforced;

    public bool Allows(Access access, ApiRequest request)
    {
        if (access == Access.Anonymous || !enforced) return true;
        if (string.IsNullOrEmpty(key)) return false; // no key configured: refuse rather than run open
        var offered = request.Header(HeaderName) ?? request.QueryValue(QueryName);
        return offered is not null && FixedTimeEquals(offered, key);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
