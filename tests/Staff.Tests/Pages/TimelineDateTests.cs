using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Pages;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Pages;

/// <summary>Issue 12, finding 9, on the journey page: the timeline shows the day something happened first, the recorded time beside it.</summary>
public sealed class TimelineDateTests
{
    private static Instant At(int month, int day, int hour) => new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(JourneyDecider.London).ToInstant();

    [Fact]
    public void A_COM_allocation_that_arrived_days_late_shows_the_day_it_happened_first_and_when_it_was_recorded_beside_it()
    {
        var driver = new JourneyDriver(new JourneyDecider(), "J-X777519-S1", keepHistory: true);
        var terms = new SentenceTerms(new LocalDate(2026, 11, 16), 6, 0, new LocalDate(2026, 10, 2));
        driver.Deliver(new SentenceRecorded(terms, new PersonProfile("LDN-LEW", "London"))
            { EventId = "court-1", Crn = "X777519", SentenceId = "S1", OccurredAt = At(11, 16, 16) }, At(11, 16, 16));
        driver.RunUntil(At(11, 25, 10));
        driver.Deliver(new ComAllocated("Priya Patel") { EventId = "alloc-1", Crn = "X777519", SentenceId = "S1", OccurredAt = At(11, 18, 9) }, At(11, 25, 10));

        var detail = JourneyProjection.Detail(driver.State, driver.History!);
        var line = detail.History.Single(h => h.What.StartsWith("COM allocated", StringComparison.Ordinal));
        Assert.Equal(new LocalDate(2026, 11, 18), line.On);

        var directory = Samples.Directory();
        var html = JourneyPage.Render(new JourneyPage.Model(directory.Find("com-patel")!, detail, [], new LocalDate(2026, 11, 25), directory, LocalMode: true)).Value;
        var item = html[html.IndexOf("COM allocated: Priya Patel", StringComparison.Ordinal)..];
        item = item[..item.IndexOf("moj-timeline__description", StringComparison.Ordinal)];
        var happened = item.IndexOf("<time datetime=\"2026-11-18\">18 November 2026</time>", StringComparison.Ordinal);
        var recorded = item.IndexOf("recorded <time", StringComparison.Ordinal);
        Assert.True(happened >= 0, item);
        Assert.True(recorded > happened, item);
        Assert.Contains("25 November 2026", item[recorded..]);
    }

    [Fact]
    public void A_sentence_that_joined_the_journey_has_its_line_in_the_timeline_and_its_part_in_how_the_key_dates_were_worked_out()
    {
        var driver = new JourneyDriver(new JourneyDecider(), "J-X777519-S1", keepHistory: true);
        var terms = new SentenceTerms(new LocalDate(2026, 11, 2), 6, 0, new LocalDate(2026, 10, 2));
        driver.Deliver(new SentenceRecorded(terms, new PersonProfile("LDN-LEW", "London"))
            { EventId = "court-1", Crn = "X777519", SentenceId = "S1", OccurredAt = At(11, 2, 16) }, At(11, 2, 16));
        driver.Deliver(new SentenceAdded("S2", new SentenceTerms(new LocalDate(2026, 11, 16), 4, 0, new LocalDate(2026, 10, 16)), ["S1"], [])
            { EventId = "court-2", Crn = "X777519", SentenceId = "S1", OccurredAt = At(11, 16, 16) }, At(11, 16, 16));

        var detail = JourneyProjection.Detail(driver.State, driver.History!);
        var joined = detail.History.Single(h => h.What == "Sentence S2 joined this journey");
        Assert.Contains("consecutive to S1", joined.Why);
        Assert.Equal(new LocalDate(2026, 11, 16), joined.On);
        Assert.Contains(detail.History, h => h.What == "Key dates changed" && h.Why.Contains("SLED Saturday 1 May 2027 to Wednesday 1 September 2027"));
        var sentenced = detail.KeyDates.Single(d => d.Code == "SD");
        Assert.Contains("sentence S2 of 4 months passed on 16 November 2026, consecutive to S1 (304 days as one term)", sentenced.Explanation);
        Assert.Contains("Calculated for all 2 sentences together", detail.KeyDates.Single(d => d.Code == "SLED").Explanation);
    }
}
