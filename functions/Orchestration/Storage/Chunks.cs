using Azure.Data.Tables;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// Long JSON in table rows: a string property holds 32K characters, so a value is kept in numbered properties
/// ("State0", "State1", ...) of at most 30,000 characters each; an entity's 1 MB limit bounds the whole.
/// </summary>
internal static class Chunks
{
    private const int Part = 30_000;

    public static void Put(TableEntity row, string name, string value)
    {
        var n = 0;
        for (var i = 0; i == 0 || i < value.Length; i += Part, n++)
            row[name + n] = value.Substring(i, Math.Min(Part, value.Length - i));
    }

    public static string? Get(TableEntity row, string name)
    {
        if (row.GetString(name + 0) is not { } first) return null;
        var parts = new List<string> { first };
        for (var n = 1; row.GetString(name + n) is { } next; n++) parts.Add(next);
        return string.Concat(parts);
    }
}
