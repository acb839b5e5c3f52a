using System.Text;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// Ids as table keys. Any id (a journey id from a URL, an upstream event id) becomes a key by escaping the characters
/// Azure Tables forbids in keys ('/', '\', '#', '?', control characters) and '%' itself as %XX, so two different ids
/// never share a key and no id can reach outside its own partition. Queries are built with
/// <c>TableClient.CreateQueryFilter</c>, which quotes every value, never by string concatenation.
/// </summary>
public static class TableKeys
{
    /// <summary>Azure Tables refuses keys longer than 1 KiB; ids are far shorter, so a longer one is bad input.</summary>
    public const int MaxIdLength = 400;

    public static string Escape(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length == 0) throw new ArgumentException("an id must not be empty", nameof(id));
        if (id.Length > MaxIdLength) throw new ArgumentException($"an id must be at most {MaxIdLength} characters", nameof(id));
        StringBuilder? sb = null;
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var bad = c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c);
            if (bad)
            {
                sb ??= new StringBuilder(id, 0, i, id.Length + 8);
                sb.Append('%').Append(((int)c).ToString("X2"));
            }
            else sb?.Append(c);
        }
        return sb?.ToString() ?? id;
    }
}
