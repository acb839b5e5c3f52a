using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

/// <summary>
/// Issue 12, findings 3 and 9: every fact an event causes carries the event's own date (the timeline shows it first),
/// beside the instant it was recorded.
/// </summary>
public class TimelineDatesTests
{
    [Fact]
    public void What_a_late_event_caused_carries_the_day_it_happened_and_the_instant_it_was_recorded()
    {
        var s = new Scenario();
        s.On("2026-08-17", s.Sentence("2026-08-17", months: 5));
        // The allocation happened on 20 August; it reached the journey on 1 December.
        s.Driver.RunUntil(At("2026-12-01"));
        var step = s.Driver.Deliver(s.Stamp(new ComAllocated("Jo Bloggs")) with { OccurredAt = At("2026-08-20", 15) }, At("2026-12-01"));

        var assigned = Assert.Single(step.Facts.OfType<ComAssigned>());
        Assert.Equal(D("2026-08-20"), assigned.OccurredOn);
        Assert.Equal(At("2026-12-01"), assigned.At);
        Assert.All(step.Facts, f => Assert.Equal(D("2026-08-20"), f.OccurredOn));
    }

    [Fact]
    public void A_release_is_dated_by_the_day_it_states_and_what_a_law_changed_by_its_commencement()
    {
        var s = new Scenario();
        // Sentenced on 17 August 2026, recorded on 1 December: the start is dated by the sentence date, the law's
        // catch-up by each commencement (adult HDC ended on 2 September, the progression model on 1 October).
        var first = s.On("2026-12-01", s.Sentence("2026-08-17", months: 5));
        Assert.Equal(D("2026-08-17"), Assert.Single(first.Facts.OfType<JourneyStarted>()).OccurredOn);
        Assert.Equal(D("2026-09-02"), first.Facts.OfType<LawApplied>().Single(l => l.LawId == "hdc-end").OccurredOn);
        var progression = first.Facts.OfType<DatesChanged>().Single(c => c.LawId == "progression-574");
        Assert.Equal(D("2026-10-01"), progression.OccurredOn);

        var crd = s.State.Dates!.Crd;
        var released = s.Driver.Deliver(s.Stamp(new Released(crd)) with { OccurredAt = At("2026-12-03") }, At("2026-12-03"));
        Assert.Equal(crd, released.Facts.OfType<PersonReleased>().Single().OccurredOn);
        Assert.All(released.Facts, f => Assert.Equal(At("2026-12-03"), f.At));
    }

    [Fact]
    public void The_day_an_event_happened_is_its_stated_date_else_its_London_day_and_never_after_today()
    {
        var today = D("2026-12-01");
        Assert.Equal(D("2026-11-30"), Happened.On(new ContactRecorded(D("2026-11-30"), ContactKind.Phone), today));
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (British Summer Time).
        Assert.Equal(D("2026-07-01"), Happened.On(new ComAllocated("Jo") { OccurredAt = NodaTime.Instant.FromUtc(2026, 6, 30, 23, 30) }, today));
        Assert.Equal(today, Happened.On(new ComAllocated("Jo") { OccurredAt = NodaTime.Instant.FromUtc(2027, 1, 5, 9, 0) }, today));
        Assert.Equal(today, Happened.On(new ComAllocated("Jo"), today));
        Assert.Equal(D("2026-11-02"), Happened.On(new TimerDue("x", At("2026-11-02", 9)), today));
    }
}
