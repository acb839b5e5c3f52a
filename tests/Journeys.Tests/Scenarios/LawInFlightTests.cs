using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class LawInFlightTests
{
    // 12 months from 3 Aug 2026 = 365 days: 40% is 146 days (CRD 26 Dec 2026); one third is 122 days (2 Dec 2026).
    [Fact]
    public void People_in_custody_on_1_October_2026_move_to_release_at_one_third_and_the_history_names_the_law()
    {
        var s = new Scenario();
        s.On("2026-08-03", s.Sentence("2026-08-03", months: 12));
        Assert.Equal(D("2026-12-26"), s.State.Dates!.Crd);
        s.RunUntil("2026-10-01");
        var changed = Assert.Single(s.Facts<DatesChanged>(), c => c.LawId == "progression-574");
        Assert.Equal(D("2026-12-02"), changed.After.Crd);
        Assert.Contains("release moved from 2026-12-26 to 2026-12-02", Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "progression-574").Change);
    }

    [Fact]
    public void Adult_HDC_ending_removes_a_pending_HDC_eligibility_date()
    {
        var s = new Scenario();
        s.On("2026-08-03", s.Sentence("2026-08-03", months: 12));
        Assert.NotNull(s.State.Dates!.Hdced);
        s.RunUntil("2026-09-02");
        Assert.Null(s.State.Dates!.Hdced);
        Assert.Contains(s.Facts<DatesChanged>(), c => c.LawId == "hdc-end");
    }

    [Fact]
    public void With_the_law_frozen_the_same_journey_keeps_its_dates()
    {
        var frozen = LawBook.EnglandAndWales.FrozenAt(D("2026-01-01"));
        var s = new Scenario(decider: new JourneyDecider(law: frozen));
        s.On("2026-08-03", s.Sentence("2026-08-03", months: 12));
        s.RunUntil("2026-12-01");
        Assert.Equal(D("2026-12-26"), s.State.Dates!.Crd);
        Assert.Empty(s.Facts<LawApplied>());
    }
}

public class LawCommencedEventTests
{
    [Fact]
    public void A_law_event_from_outside_is_applied_once_and_a_repeat_or_an_unknown_law_is_rejected_with_a_reason()
    {
        var s = new Scenario();
        s.On("2026-03-02", s.Sentence("2026-03-02", months: 6));
        s.On("2026-03-02", new Events.LawCommenced("ftr-56"));
        Assert.Contains("not yet", s.Facts<EventRejected>().Last().Reason);
        s.RunUntil("2026-03-31");
        Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "ftr-56");
        s.On("2026-04-01", new Events.LawCommenced("ftr-56"));
        Assert.Contains("already reached", s.Facts<EventRejected>().Last().Reason);
        s.On("2026-04-01", new Events.LawCommenced("no-such-act"));
        Assert.Contains("not in this journey's law book", s.Facts<EventRejected>().Last().Reason);
        Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "ftr-56");
    }
}
