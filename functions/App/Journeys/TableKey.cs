using System.Globalization;
using System.Text;

namespace ShortSentences.App.Journeys;

/// <summary>
/// An id (a reminder's idempotency key, an event id, "CRN-X777519") as a table key. The Table service forbids
/// '/', '\', '#', '?' and control characters in keys, and keys with '%' fail in the URL-addressed operations (the
/// storage team's documented double decoding), so each of those, and '~' itself, becomes ~XXXX (its hex code): two
/// ids never share a key, and every key can be read, replaced and deleted. The same escaping the app's tables have
/// always had, so rows written before read back. Values in queries go through <c>TableClient.CreateQueryFilter</c>.
/// </summary>
public static class TableKey
{
    /// <summary>A key is at most 1 KiB (512 UTF-16 characters); a longer escaped id is refused before anything is sent.</summary>
    public const int MaxLength = 512;

    public static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var b = new StringBuilder(id.Length);
        foreach (var c in id)
            if (c is '/' or '\\' or '#' or '?' or '%' or '~' || char.IsControl(c)) b.Append('~').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else b.Append(c);
        return b.Length <= MaxLength ? b.ToString() : throw new ArgumentException($"the id is {b.Length} characters as a table key; at most {MaxLength} fit", nameof(id));
    }
}
