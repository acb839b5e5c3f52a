using System.Globalization;

namespace ShortSentences.Storage.Tables;

/// <summary>
/// A table query filter whose values are always OData literals: strings are quoted with ' doubled, other values use
/// their typed literal form. Nothing a caller passes as a value can become an operator, so a hostile id such as
/// <c>x' or 1 eq 1 or 'a</c> compares as one string and can never widen a query. Only the builder makes filters.
/// </summary>
public sealed record ODataFilter
{
    private ODataFilter(string text) => Text = text;

    /// <summary>The filter text as sent in $filter.</summary>
    public string Text { get; }

    public override string ToString() => Text;

    /// <summary>
    /// A filter from an interpolated string: the literal parts are the expression, every hole is a value.
    /// <c>ODataFilter.Create($"PartitionKey eq {pk} and Due le {instant}")</c>. A hole holding another
    /// <see cref="ODataFilter"/> is inserted as a parenthesised sub-expression (it was built the same safe way).
    /// </summary>
    public static ODataFilter Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var literals = filter.GetArguments().Select(a => (object)(a is ODataFilter f ? $"({f.Text})" : Literal(a))).ToArray();
        return new ODataFilter(string.Format(CultureInfo.InvariantCulture, filter.Format, literals));
    }

    public static ODataFilter Equal(string property, object value) => Compare(property, ODataComparison.Equal, value);

    public static ODataFilter Compare(string property, ODataComparison comparison, object value)
    {
        RequireProperty(property);
        var op = comparison switch
        {
            ODataComparison.Equal => "eq", ODataComparison.NotEqual => "ne",
            ODataComparison.GreaterThan => "gt", ODataComparison.GreaterThanOrEqual => "ge",
            ODataComparison.LessThan => "lt", ODataComparison.LessThanOrEqual => "le",
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        };
        return new ODataFilter($"{property} {op} {Literal(value)}");
    }

    public static ODataFilter PartitionKeyEquals(string partitionKey) => Equal("PartitionKey", partitionKey);

    /// <summary>Every RowKey that starts with <paramref name="prefix"/>, as a range (tables have no startswith).</summary>
    public static ODataFilter RowKeyStartsWith(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var last = prefix[^1];
        if (last == char.MaxValue) throw new ArgumentException("The prefix cannot end in U+FFFF.", nameof(prefix));
        var upper = prefix[..^1] + (char)(last + 1);
        return And(Compare("RowKey", ODataComparison.GreaterThanOrEqual, prefix), Compare("RowKey", ODataComparison.LessThan, upper));
    }

    public static ODataFilter And(ODataFilter left, ODataFilter right) => new($"({left.Text}) and ({right.Text})");
    public static ODataFilter Or(ODataFilter left, ODataFilter right) => new($"({left.Text}) or ({right.Text})");
    public static ODataFilter Not(ODataFilter inner) => new($"not ({inner.Text})");

    /// <summary>The OData literal for a value; throws for types tables cannot compare.</summary>
    public static string Literal(object? value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value), "Tables cannot filter on null."),
        string s => "'" + s.Replace("'", "''") + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d when double.IsFinite(d) => d.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.') || r.Contains('E')) ? r : r + ".0",
        double => throw new ArgumentException("Tables cannot filter on NaN or infinity.", nameof(value)),
        DateTimeOffset d => $"datetime'{d.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}'",
        DateTime { Kind: DateTimeKind.Utc } d => $"datetime'{d.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}'",
        Guid g => $"guid'{g:D}'",
        byte[] b => $"X'{Convert.ToHexString(b).ToLowerInvariant()}'",
        _ => throw new ArgumentException($"Tables cannot filter on a {value.GetType().Name}.", nameof(value)),
    };

    private static void RequireProperty(string property)
    {
        if (string.IsNullOrEmpty(property) || property.Length > 255 || !(char.IsAsciiLetter(property[0]) || property[0] == '_')
            || !property.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{property}' is not a property name.", nameof(property));
    }
}

public enum ODataComparison { Equal, NotEqual, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual }
