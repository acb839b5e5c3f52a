namespace ShortSentences.Storage.Tables;

/// <summary>What a table property may be called and hold (the Table service data model).</summary>
internal static class TableProperty
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "PartitionKey", "RowKey", "Timestamp", "ETag" };

    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 255 || !(char.IsAsciiLetter(name[0]) || name[0] == '_')
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{name}' is not a valid table property name (ASCII letters, digits and '_', starting with a letter or '_', at most 255).", nameof(name));
        if (Reserved.Contains(name))
            throw new ArgumentException($"'{name}' is a system property; use the entity's own member for it.", nameof(name));
    }

    public static object Normalise(string name, object value) => value switch
    {
        string s => s.Length <= 32 * 1024 ? s : throw new ArgumentException($"Property '{name}' is longer than the 32K characters a table string may hold.", nameof(value)),
        int or long or double or bool or Guid => value,
        byte[] b => b.Length <= 64 * 1024 ? b : throw new ArgumentException($"Property '{name}' is larger than the 64 KiB a table binary may hold.", nameof(value)),
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d when d.Kind == DateTimeKind.Utc => new DateTimeOffset(d),
        DateTime => throw new ArgumentException($"Property '{name}' is a DateTime that is not UTC; pass a DateTimeOffset.", nameof(value)),
        _ => throw new ArgumentException($"Property '{name}' has type {value.GetType().Name}; tables store string, int, long, double, bool, DateTimeOffset, Guid and byte[].", nameof(value)),
    };
}
