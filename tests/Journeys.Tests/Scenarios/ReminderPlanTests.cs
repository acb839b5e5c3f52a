using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Rules;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class ReminderPlanTests
{
    // 2 months from 1 Oct 2025 runs to 30 Nov (61 days): CRD Saturday 25 Oct 2025, so released Friday 24 Oct.
    private static Scenario ReleasedOn24October()
    {
        var s = new Scenario();
        s.On("2025-10-01", s.Sentence("2025-10-01", months: 2));
        s.On("2025-10-02", new ComAllocated("Sam Jones"));
        s.On("2025-10-24", new Released(D("2025-10-24")));
        s.On("2025-10-24", new ContactRecorded(D("2025-10-24"), ContactKind.FaceToFace));
        return s;
    }

    [Fact]
    public void A_home_visit_not_done_is_reminded_before_on_the_day_overdue_and_then_escalated_to_the_SPO()
    {
        var s = ReleasedOn24October();
        Assert.Equal(D("2025-11-07"), s.Open("home-visit").DueDate);
        s.RunUntil("2025-11-20");
        var visits = s.RemindersFor("home-visit").ToList();
        Assert.Equal([ReminderKind.Upcoming, ReminderKind.DueToday, ReminderKind.Overdue, ReminderKind.Escalation], visits.Select(r => r.Kind));
        Assert.Equal([At("2025-11-04", 9), At("2025-11-07", 9), At("2025-11-08", 9), At("2025-11-14", 9)], visits.Select(r => r.RaisedAt));
        Assert.Equal([RecipientRole.Com, RecipientRole.Com, RecipientRole.Com, RecipientRole.Spo], visits.Select(r => r.RecipientRole));
        Assert.All(visits, r => Assert.Equal("home-visit", r.RuleId));
        Assert.All(visits, r => Assert.Contains("Home visit within 2 weeks", r.Reason));
        Assert.Equal("J-X777519-S1/home-visit/escalation@2025-11-07", visits[^1].IdempotencyKey);
    }

    [Fact]
    public void A_task_done_in_time_stops_its_reminders()
    {
        var s = ReleasedOn24October();
        s.On("2025-11-05", new HomeVisitDone(D("2025-11-05")));
        s.RunUntil("2025-11-20");
        Assert.Equal([ReminderKind.Upcoming], s.RemindersFor("home-visit").Select(r => r.Kind));
    }

    [Fact]
    public void Working_day_deadlines_skip_the_Christmas_bank_holidays()
    {
        var s = new Scenario();
        s.On("2025-11-03", s.Sentence("2025-11-03", months: 2, days: 10));
        s.On("2025-11-04", new ComAllocated("Sam Jones"));
        s.On("2025-12-19", new Released(D("2025-12-19")));
        // 15 working days from Friday 19 December 2025, skipping 25 and 26 December and 1 January.
        Assert.Equal(D("2026-01-14"), s.Open("assessment-and-plan").DueDate);
    }

    [Fact]
    public void A_policy_can_move_a_deadline_and_its_reason()
    {
        var policy = DeadlinesPolicy.Default with
        {
            HomeVisit = DeadlinesPolicy.Default.HomeVisit with { Days = 7, Reason = "Home visit within a week (local practice)" },
        };
        var s = new Scenario(decider: new JourneyDecider(policy));
        s.On("2025-10-01", s.Sentence("2025-10-01", months: 2));
        s.On("2025-10-24", new Released(D("2025-10-24")));
        var visit = s.Open("home-visit");
        Assert.Equal(D("2025-10-31"), visit.DueDate);
        Assert.Equal("Home visit within a week (local practice)", visit.Reason);
    }
}

public class ReleaseNotRecordedTests
{
    [Fact]
    public void A_release_date_passing_with_no_release_recorded_prompts_the_COM_to_check_with_the_prison()
    {
        var s = new Scenario();
        s.On("2025-10-01", s.Sentence("2025-10-01", months: 2));
        s.On("2025-10-02", new ComAllocated("Sam Jones"));
        var crd = s.State.Dates!.Crd;
        Assert.Equal(D("2025-10-27"), s.Open("release-recorded").DueDate); // the working day after Saturday 25 October
        s.RunUntil("2025-10-28");
        Assert.Contains(s.RemindersFor("release-recorded"), r => r.Kind == ReminderKind.Overdue && r.Recipient == "Sam Jones");
        s.On("2025-10-28", new Released(D("2025-10-28")));
        Assert.True(s.Facts<Facts.DeadlineMet>().Single(m => m.RuleId == "release-recorded").Late);
        Assert.Equal(D("2025-10-25"), crd);
    }
}
