using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;

namespace ShortSentences.Orchestration.Tests.Loop;

/// <summary>Journey events for one person, stamped with their routing ids, and instants in Europe/London.</summary>
public sealed class Person(string crn = "X777519", string sentenceId = "S1")
{
    private int _next;
    public string Crn => crn;
    public string Id => JourneyId.For(crn, sentenceId);

    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static DateTime AtUtc(string isoDate, int hour = 10) =>
        D(isoDate).At(new LocalTime(hour, 0)).InZoneLeniently(JourneyDecider.London).ToInstant().ToDateTimeUtc();

    public T Stamp<T>(T e, string? id = null) where T : JourneyEvent =>
        e with { EventId = id ?? $"{sentenceId}-e{++_next}", Crn = crn, SentenceId = sentenceId };

    public SentenceRecorded Sentence(string sentenceDate = "2025-03-03", int months = 8, string? id = null) => Stamp(
        new SentenceRecorded(new SentenceTerms(D(sentenceDate), months, 0, D(sentenceDate).PlusDays(-30)), new PersonProfile("Newcastle", "North East")), id);
}
