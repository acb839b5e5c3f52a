using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class StaffCorrectDatesTests
{
    // Six months from 3 Nov 2025: in custody, the pre-release window open from the start.
    private static Scenario InCustody()
    {
        var s = new Scenario();
        s.On("2025-11-03", s.Sentence("2025-11-03", months: 6));
        return s;
    }

    [Fact]
    public void Corrected_release_and_licence_dates_are_followed_and_the_pre_release_deadlines_move_with_them()
    {
        var s = InCustody();
        var before = s.State.Dates!;
        var plan = s.Open("resettlement-plan");
        s.On("2025-11-10", new DatesCorrected("remand re-counted", "spo-okafor", Release: before.Crd.PlusDays(14), End: before.Sled.PlusDays(14)));
        Assert.Equal(before.Crd.PlusDays(14), s.State.Dates!.Crd);
        Assert.Equal(before.Sled.PlusDays(14), s.State.Dates.Sled);
        Assert.Equal(before.Tused, s.State.Dates.Tused); // not given: kept
        var changed = Assert.Single(s.Facts<DatesChanged>());
        Assert.Equal(before, changed.Before);
        Assert.Contains("spo-okafor", changed.Reason);
        Assert.Contains("remand re-counted", changed.Reason);
        Assert.True(s.Open("resettlement-plan").DueDate > plan.DueDate);
    }

    [Fact]
    public void A_correction_with_no_one_named_or_an_end_before_the_release_is_rejected_and_changes_nothing()
    {
        var s = InCustody();
        var before = s.State.Dates!;
        s.On("2025-11-10", new DatesCorrected("typo", " ", Release: before.Crd.PlusDays(1)));
        s.On("2025-11-10", new DatesCorrected("typo", "com-patel", End: before.Crd.PlusDays(-1)));
        Assert.Equal(2, s.Facts<EventRejected>().Count());
        Assert.Equal(before, s.State.Dates);
    }

    [Fact]
    public void The_same_correction_again_changes_nothing()
    {
        var s = InCustody();
        var e = new DatesCorrected("typo", "com-patel", Release: s.State.Dates!.Crd.PlusDays(3));
        s.On("2025-11-10", e, id: "fix-1");
        var facts = s.History.Count;
        s.On("2025-11-10", e, id: "fix-1");
        Assert.Equal(facts, s.History.Count);
    }

    [Fact]
    public void A_termination_records_who_ended_the_journey()
    {
        var s = InCustody();
        s.On("2025-11-10", new JourneyTerminated("sentence quashed", "spo-okafor"));
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("spo-okafor") && n.What.Contains("sentence quashed"));
    }
}
