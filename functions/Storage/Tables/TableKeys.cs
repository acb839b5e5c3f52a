using System.Text;

namespace ShortSentences.Storage.Tables;

/// <summary>
/// The PartitionKey/RowKey rule: the Table service forbids '/', '\', '#', '?' and control characters in keys (and we
/// refuse '%', see below), and a key travels inside a URL path as an OData literal. Forbidden keys are refused here with a clear message so a
/// hostile id never reaches a URL; allowed ones are quoted (' doubled) and percent-encoded, so they address exactly one entity.
/// </summary>
public static class TableKeys
{
    /// <summary>Keys are at most 1 KiB (512 UTF-16 characters).</summary>
    public const int MaxLength = 512;

    public static void Validate(string key, string what = "key")
    {
        if (key is null) throw new ArgumentNullException(what, $"{what} is required.");
        if (key.Length > MaxLength)
            throw new ArgumentException($"{what} is {key.Length} characters; the Table service allows at most {MaxLength}.", what);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?')
                throw new ArgumentException($"{what} contains '{c}', which the Table service does not allow in keys.", what);
            // The service allows '%', but its storage team documented URL-addressed operations failing on keys with '%'
            // (decoded twice, so "%2527" and "'" could meet). Refused so a key can never address another entity.
            if (c == '%')
                throw new ArgumentException($"{what} contains '%', which is refused: the Table service can decode it twice in entity URLs.", what);
            if (char.IsControl(c))
                throw new ArgumentException($"{what} contains the control character U+{(int)c:X4}, which the Table service does not allow in keys.", what);
        }
        if (!IsWellFormedUtf16(key))
            throw new ArgumentException($"{what} contains an unpaired surrogate, which cannot be sent.", what);
    }

    /// <summary>The URL path segment that addresses one entity: <c>table(PartitionKey='..',RowKey='..')</c>, escaped.</summary>
    public static string EntityPath(string table, string partitionKey, string rowKey)
    {
        Validate(partitionKey, "PartitionKey");
        Validate(rowKey, "RowKey");
        return $"{table}(PartitionKey='{Escape(partitionKey)}',RowKey='{Escape(rowKey)}')";
    }

    private static string Escape(string key) => Uri.EscapeDataString(key.Replace("'", "''"));

    private static bool IsWellFormedUtf16(string s)
    {
        try { _ = new UTF8Encoding(false, true).GetByteCount(s); return true; }
        catch (EncoderFallbackException) { return false; }
    }
}
