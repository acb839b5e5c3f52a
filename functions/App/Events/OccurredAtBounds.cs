using NodaTime;

namespace ShortSentences.App.Events;

/// <summary>
/// When an event may say it happened: not after the moment it reaches us (allowing the producer's clock to run a few
/// minutes fast) and not before 1900. An event "from" year 9999 or 1066 is a placeholder or a corruption, and applying
/// it would move a journey on a date nobody meant. The journeys' own mapping checks the dates an event states (a
/// release date, a breach date); this checks only the envelope's instant.
/// </summary>
public static class OccurredAtBounds
{
    public static readonly Duration ClockSkew = Duration.FromMinutes(5);
    public static readonly Instant Earliest = Instant.FromUtc(1900, 1, 1, 0, 0);

    /// <summary>Why <paramref name="occurredAt"/> cannot be right at <paramref name="now"/>, or null if it can.</summary>
    public static string? Problem(Instant occurredAt, Instant now)
    {
        if (occurredAt < Earliest) return "must not be before 1900-01-01T00:00:00Z";
        if (occurredAt > now + ClockSkew)
            return $"must not be in the future (more than {ClockSkew.TotalMinutes:0} minutes after the time it was received, {Instants.Format(now)})";
        return null;
    }
}
