namespace ShortSentences.Runtime.Storage;

/// <summary>
/// A table property holds at most 64 KB (32K UTF-16 characters) and an entity at most 1 MB, so long JSON is split
/// across numbered properties: Name, Name_1, Name_2... with Name_n giving the count.
/// </summary>
public static class Chunks
{
    public const int MaxChars = 30_000;
    public const int MaxTotalChars = 14 * MaxChars;

    public static void Write(IDictionary<string, object?> properties, string name, string text)
    {
        if (text.Length > MaxTotalChars)
            throw new InvalidOperationException($"{name} is {text.Length} characters; a row holds at most {MaxTotalChars}");
        var count = Math.Max(1, (text.Length + MaxChars - 1) / MaxChars);
        for (var i = 0; i < count; i++)
        {
            var part = text.Substring(i * MaxChars, Math.Min(MaxChars, text.Length - i * MaxChars));
            properties[i == 0 ? name : $"{name}_{i}"] = part;
        }
        if (count > 1) properties[$"{name}_n"] = count;
    }

    public static string Read(StoredEntity entity, string name)
    {
        var first = entity.String(name) ?? throw new InvalidOperationException($"row {entity.RowKey} has no {name}");
        var count = (int)entity.Long($"{name}_n");
        if (count <= 1) return first;
        var parts = new string[count];
        parts[0] = first;
        for (var i = 1; i < count; i++)
            parts[i] = entity.String($"{name}_{i}") ?? throw new InvalidOperationException($"row {entity.RowKey} lacks {name}_{i}");
        return string.Concat(parts);
    }
}
