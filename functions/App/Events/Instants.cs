using NodaTime;
using NodaTime.Text;

namespace ShortSentences.App.Events;

/// <summary>Date-times from upstream: 'Z' or an explicit offset, with or without fractions of a second.</summary>
public static class Instants
{
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.ExtendedIso;

    /// <summary>The instant, or null if the text is not an ISO 8601 date-time that says which offset it is in.</summary>
    public static Instant? Parse(string text)
    {
        var result = WithOffset.Parse(text.Trim());
        return result.Success ? result.Value.ToInstant() : null;
    }

    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
