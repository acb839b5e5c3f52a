using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class SentenceDatesTests
{
    [Fact]
    public void Dates_supplied_by_the_feed_are_used_as_they_are()
    {
        var s = new Scenario();
        var supplied = new KeyDates(D("2025-09-01"), D("2026-01-10"), D("2026-09-01"));
        s.On("2025-05-01", s.Sentence("2025-05-01", months: 8, dates: supplied));
        Assert.Equal(supplied, s.State.Dates);
        Assert.True(s.State.DatesSupplied);
        Assert.Contains("dates from the feed", s.Facts<StageChanged>().First().Reason);
    }

    [Fact]
    public void Changed_dates_move_the_pre_release_tasks_anchored_on_the_release_date()
    {
        var s = new Scenario();
        s.On("2025-05-01", s.Sentence("2025-05-01", months: 8, dates: new KeyDates(D("2025-09-01"), D("2026-01-10"), D("2026-09-01"))));
        s.RunUntil("2025-06-09");
        Assert.Equal(Stage.PreRelease, s.State.Stage); // 84 days before 1 September
        Assert.Equal(D("2025-08-04"), s.Open("resettlement-plan").DueDate);
        s.On("2025-06-10", new SentenceDatesChanged(new KeyDates(D("2025-08-15"), D("2026-01-10"), D("2026-08-15"))));
        var changed = Assert.Single(s.Facts<DatesChanged>());
        Assert.Equal(D("2025-09-01"), changed.Before.Crd);
        Assert.Equal(D("2025-07-18"), s.Open("resettlement-plan").DueDate);
        Assert.Equal(D("2025-08-13"), s.Open("licence-approval").DueDate); // 2 working days before Friday 15 August
        Assert.Contains(s.Facts<DeadlineCancelled>(), c => c.Reason.Contains("moved from 2025-09-01 to 2025-08-15"));
    }

    [Fact]
    public void Dates_with_a_SLED_before_the_release_are_rejected_and_change_nothing()
    {
        var s = new Scenario();
        s.On("2025-05-01", s.Sentence("2025-05-01", months: 8));
        var before = s.State.Dates;
        s.On("2025-05-02", new SentenceDatesChanged(new KeyDates(D("2025-09-01"), D("2025-08-01"))));
        Assert.Contains("before the release date", Assert.Single(s.Facts<EventRejected>()).Reason);
        Assert.Equal(before, s.State.Dates);
    }

    [Fact]
    public void CRS_referrals_and_licence_activation_are_shown_in_the_timeline()
    {
        var s = new Scenario();
        s.On("2025-05-01", s.Sentence("2025-05-01", months: 3));
        s.On("2025-05-05", new CrsReferralSent("R-1", Pathway.Accommodation));
        s.On("2025-06-01", new CrsReferralConcluded("R-1", "accommodation found"));
        s.On("2025-06-06", new LicenceActivated(D("2025-06-06")));
        Assert.Equal(["CRS referral R-1 sent (Accommodation)", "CRS referral R-1 concluded: accommodation found", "licence activated on 2025-06-06"],
            s.Facts<Noted>().Select(n => n.What).Where(w => w.StartsWith("CRS") || w.StartsWith("licence activated")));
    }
}

public class DatesChangedDuringPssTests
{
    [Fact]
    public void New_dates_without_a_TUSED_end_a_PSS_in_progress_rather_than_leave_it_without_an_end()
    {
        var s = new Scenario();
        s.On("2025-06-02", s.Sentence("2025-06-02", months: 2));
        s.On("2025-06-26", new Released(D("2025-06-26")));
        s.RunUntil("2025-08-02");
        Assert.Equal(Stage.Pss, s.State.Stage);
        s.On("2025-09-01", new SentenceDatesChanged(new KeyDates(D("2025-06-26"), D("2025-08-01"))));
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.Empty(s.State.Deadlines);
        Assert.Contains("no post-sentence supervision", s.State.EndReason);
    }
}
