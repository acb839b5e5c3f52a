using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class PssBreachAndRepealTests
{
    // 3 months from 8 Jan 2024 = 91 days at half: release 22 Feb 2024, SLED 7 Apr 2024, TUSED 22 Feb 2025.
    private static Scenario OnPss2024()
    {
        var s = new Scenario();
        s.On("2024-01-08", s.Sentence("2024-01-08", months: 3));
        s.On("2024-01-09", new ComAllocated("Sam Jones"));
        s.On("2024-02-22", new Released(D("2024-02-22")));
        s.RunUntil("2024-04-08");
        return s;
    }

    [Fact]
    public void A_PSS_breach_whose_hearing_is_listed_after_TUSED_warns_the_COM_and_SPO_and_is_still_dealt_with_after_PSS_ends()
    {
        var s = OnPss2024();
        Assert.Equal(Stage.Pss, s.State.Stage);
        s.On("2025-01-20", new PssBreached(D("2025-01-20"), "missed appointments"));
        Assert.Contains(s.Reminders, r => r.TaskId == "pss-breach-listing-risk" && r.RecipientRole == RecipientRole.Spo);
        s.On("2025-01-22", new CourtApplicationMade(D("2025-01-22")));
        s.On("2025-01-29", new HearingListed(D("2025-03-10")));
        Assert.True(Assert.Single(s.Facts<HearingDateRecorded>()).AfterTused);
        var warning = Assert.Single(s.Reminders, r => r.TaskId == "pss-breach-hearing-after-tused" && r.RecipientRole == RecipientRole.Spo);
        Assert.Contains("after PSS ends on TUSED 2025-02-22", warning.Reason);

        s.RunUntil("2025-02-23");
        Assert.Equal(Stage.BreachProceedings, s.State.Stage);
        Assert.All(s.State.Deadlines, d => Assert.Equal("court-outcome", d.RuleId));
        s.On("2025-03-10", new CourtOutcome(D("2025-03-10"), CourtOutcomeKind.Fine));
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.Empty(s.State.Deadlines);
    }

    [Fact]
    public void SDS40_commencing_during_PSS_changes_nothing_and_says_so()
    {
        var s = OnPss2024();
        s.RunUntil("2024-09-10");
        Assert.Contains("no effect", Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "sds40").Change);
    }

    // 2 months from 2 Jun 2025 = 61 days; SDS40: release 26 Jun 2025, SLED 1 Aug 2025, TUSED 26 Jun 2026.
    private static Scenario OnPss2025(string sentenceId = "S1")
    {
        var s = new Scenario(sentenceId: sentenceId);
        s.On("2025-06-02", s.Sentence("2025-06-02", months: 2));
        s.On("2025-06-03", new ComAllocated("Sam Jones"));
        s.On("2025-06-26", new Released(D("2025-06-26")));
        s.RunUntil("2025-08-02");
        return s;
    }

    [Fact]
    public void A_person_in_PSS_on_the_repeal_date_has_their_PSS_ended_by_the_law_with_no_task_left_open()
    {
        var s = OnPss2025();
        Assert.Equal(Stage.Pss, s.State.Stage);
        Assert.Equal(D("2026-06-26"), s.State.Dates!.Tused);
        s.RunUntil("2026-05-07");
        Assert.Equal(Stage.Pss, s.State.Stage);
        s.RunUntil("2026-05-08", hour: 1);
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.True(s.State.EndedByPssRepeal);
        Assert.Equal(D("2026-05-08"), s.State.EndedOn);
        Assert.Contains("PSS ended on 2026-05-08", Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "pss-repeal").Change);
        Assert.Empty(s.State.Deadlines);
        Assert.Empty(s.Driver.Decider.OpenTimers(s.State));
    }

    [Fact]
    public void A_PSS_breach_begun_before_the_repeal_can_still_be_dealt_with_after_it()
    {
        var s = OnPss2025();
        s.On("2026-04-20", new PssBreached(D("2026-04-20"), "missed appointments"));
        s.On("2026-04-21", new CourtApplicationMade(D("2026-04-21")));
        s.On("2026-04-28", new HearingListed(D("2026-05-20")));
        s.RunUntil("2026-05-08");
        Assert.Equal(Stage.BreachProceedings, s.State.Stage);
        Assert.False(s.State.EndedByPssRepeal);
        s.On("2026-05-20", new CourtOutcome(D("2026-05-20"), CourtOutcomeKind.SupervisionDefaultOrder));
        Assert.Equal(Stage.Ended, s.State.Stage);
    }

    [Fact]
    public void A_new_sentence_arriving_during_PSS_runs_as_its_own_journey_while_the_first_keeps_its_dates()
    {
        var first = OnPss2025();
        first.On("2025-10-01", new NewSentenceWhileSupervised("S2"));
        Assert.Equal(Stage.Pss, first.State.Stage);
        Assert.Equal(D("2026-06-26"), first.State.Dates!.Tused);
        Assert.Contains(first.Facts<Noted>(), n => n.What.Contains("journey J-X777519-S2"));
        var review = first.Open("concurrent-sentence-review");
        Assert.Equal(D("2025-10-08"), review.DueDate);

        var second = new Scenario(sentenceId: "S2");
        second.On("2025-10-01", second.Sentence("2025-10-01", months: 4));
        Assert.NotEqual(first.State.JourneyId, second.State.JourneyId);
        Assert.Equal(Stage.PreRelease, second.State.Stage);
        Assert.Equal(D("2025-11-19"), second.State.Dates!.Crd); // from the 1st: to 31 Jan 2026, 123 days

        // The overdue 3-monthly review (due 25 Sep) is met first, then the review of both sentences.
        first.On("2025-10-06", new ReviewDone(D("2025-10-06")));
        Assert.True(first.Facts<DeadlineMet>().Last(m => m.RuleId == "periodic-review").Late);
        first.On("2025-10-07", new ReviewDone(D("2025-10-07")));
        Assert.Null(first.State.OpenDeadline("concurrent-sentence-review"));
    }

    [Fact]
    public void PSS_suspension_needs_both_COM_and_SPO_and_stops_contact_reminders_until_resumed()
    {
        var s = OnPss2025();
        s.On("2025-09-01", new PssSuspended(D("2025-09-01"), "Sam Jones", "", "stable, in work"));
        Assert.Contains("COM and the SPO", Assert.Single(s.Facts<EventRejected>()).Reason);
        s.On("2025-09-01", new PssSuspended(D("2025-09-01"), "Sam Jones", "Pat Lee", "stable, in work"));
        Assert.True(s.State.PssSuspended);
        Assert.Null(s.State.OpenDeadline("pss-contact"));
        s.On("2025-11-01", new PssResumed(D("2025-11-01")));
        // 56 days after 1 November is Saturday 27 December, after the Christmas bank holidays: due Wednesday 24 December.
        Assert.Equal(D("2025-12-24"), s.Open("pss-contact").DueDate);
    }
}
