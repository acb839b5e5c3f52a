using NodaTime;

namespace ShortSentences.Journeys.Events;

/// <summary>
/// The day an event happened, as staff should read it first: the date the event states (a release date, a contact, the sentence date...),
/// else the day of its <see cref="JourneyEvent.OccurredAt"/> in Europe/London (a timer: the day it fell due), never
/// after <c>today</c>; today when the event carries no time. Every fact an event causes carries this day
/// (<see cref="Facts.JourneyFact.OccurredOn"/>); a commencement's facts carry the commencement date instead.
/// </summary>
public static class Happened
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static LocalDate On(JourneyEvent e, LocalDate today) => On(e, today, default);

    /// <summary>As <see cref="On(JourneyEvent, LocalDate)"/>; an event that occurred at <paramref name="now"/> (a timer fired on time) is today's, without a time-zone conversion.</summary>
    public static LocalDate On(JourneyEvent e, LocalDate today, Instant now)
    {
        var stated = e switch
        {
            SentenceRecorded x => x.Terms.SentenceDate, // the day the court passed it
            SentenceAdded x => x.Terms.SentenceDate,
            _ => StatedDate.Of(e)?.On,
        };
        if (stated is { } on) return on > today ? today : on;
        var at = e is TimerDue timer ? timer.DueAt : e.OccurredAt;
        if (at == default || at == now) return today;
        var day = at.InZone(London).Date;
        return day > today ? today : day;
    }
}
