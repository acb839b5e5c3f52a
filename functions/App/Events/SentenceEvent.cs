using NodaTime;

namespace ShortSentences.App.Events;

/// <summary>
/// A sentence passed by a court, in this service's own schema (README.md, "POST /api/sentences"). One event starts
/// the journey of one person and one sentence; posting the same <see cref="EventId"/> again changes nothing.
/// </summary>
public sealed record SentenceEvent(
    string EventId,
    Instant? OccurredAt,
    PersonDetails Person,
    string Region,
    string Pdu,
    SentenceDetails Sentence,
    IReadOnlyDictionary<string, LocalDate> AuthoritativeDates);

/// <summary>The person; <paramref name="FirstName"/> and <paramref name="LastName"/> are optional and never logged.</summary>
public sealed record PersonDetails(string Crn, string? Noms, LocalDate DateOfBirth, Sex Sex, string? FirstName = null, string? LastName = null);

public enum Sex { Male, Female, NotKnown, NotSpecified }

public sealed record SentenceDetails(
    string SentenceId,
    LocalDate SentenceDate,
    LocalDate OffenceDate,
    SentenceLength Length,
    int RemandDays,
    int TaggedBailDays,
    IReadOnlyList<string> ConsecutiveTo,
    IReadOnlyList<string> ConcurrentWith,
    IReadOnlyList<string> EarlyReleaseExclusions);

/// <summary>The length as the court states it, applied years, months, weeks, days (CRDS convention).</summary>
public sealed record SentenceLength(int Years, int Months, int Weeks, int Days)
{
    public Period ToPeriod() => new PeriodBuilder { Years = Years, Months = Months, Weeks = Weeks, Days = Days }.Build();

    public bool IsZero => Years == 0 && Months == 0 && Weeks == 0 && Days == 0;
}
