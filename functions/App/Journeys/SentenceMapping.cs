using NodaTime;
using ShortSentences.App.Events;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;

namespace ShortSentences.App.Journeys;

/// <summary>Our sentence event schema to the journey's start event, or to a sentence joining a journey in custody.</summary>
public static class SentenceMapping
{
    public static string JourneyIdOf(SentenceEvent e) => JourneyId.For(e.Person.Crn, e.Sentence.SentenceId);

    public static SentenceRecorded ToJourneyEvent(SentenceEvent e, Instant received) =>
        new SentenceRecorded(TermsOf(e), new PersonProfile(e.Pdu, e.Region, Female: e.Person.Sex == Sex.Female,
            FirstName: e.Person.FirstName, LastName: e.Person.LastName), Dates(e.AuthoritativeDates))
        {
            EventId = e.EventId,
            Crn = e.Person.Crn,
            Noms = e.Person.Noms,
            SentenceId = e.Sentence.SentenceId,
            OccurredAt = e.OccurredAt ?? received,
        };

    /// <summary>
    /// A sentence passed consecutive to or concurrent with a sentence of <paramref name="journeySentenceId"/>'s journey,
    /// while the person is in custody on it: routed to that journey, naming the new sentence. Supplied dates are the
    /// term's overall dates (as the Calculate Release Dates service gives them for a booking).
    /// </summary>
    public static SentenceAdded ToSentenceAdded(SentenceEvent e, string journeySentenceId, Instant received) =>
        new SentenceAdded(e.Sentence.SentenceId, TermsOf(e), e.Sentence.ConsecutiveTo, e.Sentence.ConcurrentWith, Dates(e.AuthoritativeDates))
        {
            EventId = e.EventId,
            Crn = e.Person.Crn,
            Noms = e.Person.Noms,
            SentenceId = journeySentenceId,
            OccurredAt = e.OccurredAt ?? received,
        };

    private static SentenceTerms TermsOf(SentenceEvent e)
    {
        var s = e.Sentence;
        return new SentenceTerms(
            s.SentenceDate,
            Months: s.Length.Years * 12 + s.Length.Months,
            Days: s.Length.Weeks * 7 + s.Length.Days,
            OffenceDate: s.OffenceDate,
            RemandDays: s.RemandDays,
            TaggedBailDays: s.TaggedBailDays);
    }

    /// <summary>Authoritative dates are used only when they give the release date and the licence end (CRD or ARD, and SLED).</summary>
    private static KeyDates? Dates(IReadOnlyDictionary<string, LocalDate> d)
    {
        var unconditional = !d.ContainsKey("CRD") && d.ContainsKey("ARD");
        var release = d.GetValueOrDefault("CRD", d.GetValueOrDefault("ARD"));
        var end = d.ContainsKey("SLED") ? d["SLED"] : d.ContainsKey("SED") ? d["SED"] : default(LocalDate?);
        if (release == default || end is null) return null;
        return new KeyDates(release, end.Value, d.TryGetValue("TUSED", out var t) ? t : null,
            d.TryGetValue("HDCED", out var h) ? h : null, unconditional);
    }
}
