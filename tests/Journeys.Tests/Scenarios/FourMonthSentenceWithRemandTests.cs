using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class FourMonthSentenceWithRemandTests
{
    // 4 months from 6 Jan 2025 = 120 days; SDS40: 48 days in custody, less 20 days' remand: CRD 2 Feb 2025 (a Sunday).
    private static Scenario Sentenced()
    {
        var s = new Scenario();
        s.On("2025-01-06", s.Sentence("2025-01-06", months: 4, remand: 20));
        return s;
    }

    [Fact]
    public void Dates_are_calculated_with_remand_off_CRD_SLED_and_TUSED()
    {
        var s = Sentenced();
        Assert.Equal(new(D("2025-02-02"), D("2025-04-15"), D("2026-02-02"), Hdced: D("2025-01-20")), s.State.Dates);
        Assert.True(s.State.ShortSentenceFunction);
    }

    [Fact]
    public void The_pre_release_window_is_already_open_at_sentence_and_its_tasks_are_due_no_earlier_than_today()
    {
        var s = Sentenced();
        Assert.Equal([Stage.Sentenced, Stage.PreRelease], s.Stages);
        Assert.Equal(D("2025-01-06"), s.Open("resettlement-plan").DueDate);
        // Release on Sunday 2 February is expected on Friday 31 January; two working days before is Wednesday 29 January.
        Assert.Equal(D("2025-01-29"), s.Open("licence-approval").DueDate);
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("release is expected on Friday 31 January 2025"));
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("opened late"));
    }

    [Fact]
    public void The_PDU_is_reminded_every_two_days_until_a_COM_is_allocated_in_the_Short_Sentence_Function()
    {
        var s = Sentenced();
        // 5 days after 6 January is Saturday 11 January: due on the working day before (issue 12, finding 6).
        Assert.Equal(D("2025-01-10"), s.Open("com-allocation-ssf").DueDate);
        s.RunUntil("2025-01-10", hour: 9);
        var chase = s.RemindersFor("com-allocation-ssf").ToList();
        Assert.Equal([ReminderKind.Upcoming, ReminderKind.DueToday], chase.Select(r => r.Kind));
        Assert.All(chase, r => Assert.Equal(RecipientRole.Pdu, r.RecipientRole));
        Assert.Equal(chase.Count, chase.Select(r => r.IdempotencyKey).Distinct().Count());
        s.On("2025-01-10", new ComAllocated("Sam Jones"));
        Assert.Null(s.State.OpenDeadline("com-allocation-ssf"));
        s.RunUntil("2025-01-20");
        Assert.Equal(2, s.RemindersFor("com-allocation-ssf").Count());
    }

    [Fact]
    public void A_whole_journey_runs_from_sentence_through_licence_and_PSS_to_its_end()
    {
        var s = Sentenced();
        s.On("2025-01-06", new ReceivedIntoCustody(D("2025-01-06"), "HMP Durham", "North East"));
        Assert.Equal(D("2025-01-09"), s.Open("screening-part-1").DueDate);
        s.On("2025-01-07", new ComAllocated("Sam Jones"));
        s.On("2025-01-08", new ScreeningCompleted(D("2025-01-08"), 1, [], [Pathway.Accommodation]));
        Assert.Equal(D("2025-01-15"), s.Open("screening-part-2").DueDate); // 5 working days
        Assert.Equal("duty-to-refer", s.Open("duty-to-refer").RuleId);
        s.On("2025-01-10", new ScreeningCompleted(D("2025-01-10"), 2, Enum.GetValues<Pathway>(), [Pathway.Accommodation]));
        s.On("2025-01-13", new DutyToReferMade(D("2025-01-13"), "Newcastle City Council"));
        s.On("2025-01-20", new ResettlementPlanCompleted(D("2025-01-20")));
        s.On("2025-01-28", new LicenceApproved(D("2025-01-28")));
        s.On("2025-01-31", new Released(D("2025-01-31")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.Equal(D("2025-01-31"), s.Open("first-appointment").DueDate);
        Assert.Equal(D("2025-02-14"), s.Open("home-visit").DueDate);
        Assert.Equal(D("2025-02-21"), s.Open("assessment-and-plan").DueDate); // 15 working days
        s.On("2025-01-31", new ContactRecorded(D("2025-01-31"), ContactKind.FaceToFace));
        s.On("2025-02-10", new HomeVisitDone(D("2025-02-10")));
        s.On("2025-02-18", new AssessmentAndPlanDone(D("2025-02-18")));
        s.On("2025-03-01", new ContactRecorded(D("2025-03-01"), ContactKind.FaceToFace));
        s.On("2025-03-28", new ContactRecorded(D("2025-03-28"), ContactKind.Video));
        s.RunUntil("2025-04-16");
        Assert.Equal(Stage.Pss, s.State.Stage);
        Assert.Equal(D("2025-04-16"), s.State.PssStartedOn);
        Assert.Contains(s.Facts<WarningsReset>(), _ => true);
        Assert.Equal("pss-induction", s.Open("pss-induction").RuleId);
        s.On("2025-04-17", new ContactRecorded(D("2025-04-17"), ContactKind.FaceToFace, Induction: true));
        s.RunUntil("2026-02-03");
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.Empty(s.State.Deadlines);
        Assert.True(s.State.EndReason!.Contains("TUSED 2026-02-02"), s.State.EndReason);
        Assert.Equal([Stage.Sentenced, Stage.PreRelease, Stage.Licence, Stage.Pss, Stage.Ended], s.Stages);
        // PSS contacts were never recorded after induction: staff were told, then the SPO.
        Assert.Contains(s.Reminders, r => r.RuleId == "pss-contact" && r.Kind == ReminderKind.Escalation && r.RecipientRole == RecipientRole.Spo);
    }
}

public class ReleasedStraightFromCourtTests
{
    [Fact]
    public void Remand_covering_the_custodial_term_means_release_from_court_with_no_pre_release_window()
    {
        var s = new Scenario();
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 1, remand: 30));
        Assert.Equal(D("2025-03-03"), s.State.Dates!.Crd);
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("no pre-release window"));
        Assert.Null(s.State.OpenDeadline("resettlement-plan"));
        Assert.Null(s.State.OpenDeadline("licence-approval"));
        s.On("2025-03-03", new Released(D("2025-03-03")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.Equal(D("2025-03-03"), s.Open("first-appointment").DueDate);
        Assert.DoesNotContain(s.Facts<EventRejected>(), _ => true);
    }
}
