namespace ShortSentences.App.Events;

/// <summary>The outcome of reading a request: a value, or the field errors that stopped it (never both).</summary>
public sealed record Parsed<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors) where T : class
{
    public bool IsValid => Value is not null && Errors.Count == 0;

    public static Parsed<T> Ok(T value) => new(value, new Dictionary<string, string[]>());

    public static Parsed<T> Invalid(FieldErrors errors) => new(null, errors.ToDictionary());

    public static Parsed<T> Invalid(string field, string message)
    {
        var e = new FieldErrors();
        e.Add(field, message);
        return Invalid(e);
    }
}
