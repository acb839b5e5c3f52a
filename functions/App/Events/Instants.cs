using NodaTime;
using NodaTime.Text;

namespace ShortSentences.App.Events;

/// <summary>Date-times from upstream: 'Z' or an explicit offset, with or without fractions of a second.</summary>
public static class Instants
{
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.ExtendedIso;

    /// <summary>
    /// The instant, or null if the text is not exactly an ISO 8601 date-time that says which offset it is in. Nothing
    /// may come before or after it: NodaTime stops reading at a NUL character, so "...Z\u0000junk" would otherwise
    /// pass, and surrounding spaces are a sign of a producer that is not sending what it thinks.
    /// </summary>
    public static Instant? Parse(string text)
    {
        if (text.Length is 0 or > 40 || !text.All(IsDateTimeCharacter)) return null;
        var result = WithOffset.Parse(text);
        return result.Success ? result.Value.ToInstant() : null;
    }

    private static bool IsDateTimeCharacter(char c) => c is (>= '0' and <= '9') or '-' or ':' or '.' or ',' or '+' or 'T' or 'Z';

    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
