using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class LicenceBreachAndRecallTests
{
    // 6 months from 5 Jan 2026 = 181 days; SDS40: release 18 Mar 2026, SLED 4 Jul 2026, TUSED 18 Mar 2027 (before the repeal).
    private static Scenario OnLicence()
    {
        var s = new Scenario();
        s.On("2026-01-05", s.Sentence("2026-01-05", months: 6));
        s.On("2026-01-05", new ReceivedIntoCustody(D("2026-01-05"), "HMP Durham", "North East"));
        s.On("2026-01-06", new ComAllocated("Sam Jones"));
        s.On("2026-03-18", new Released(D("2026-03-18")));
        return s;
    }

    [Fact]
    public void A_breach_after_31_March_2026_leads_to_a_56_day_fixed_term_recall_and_re_release_on_licence()
    {
        var s = OnLicence();
        Assert.Equal(D("2027-03-18"), s.State.Dates!.Tused);
        s.On("2026-04-10", new LicenceBreached(D("2026-04-10"), "failed to reside"));
        Assert.Equal(D("2026-04-13"), s.Open("recall-request").DueDate); // next working day
        s.On("2026-04-10", new RecallRequested(D("2026-04-10")));
        s.On("2026-04-11", new RecallDecided(D("2026-04-11"), RecallType.FixedTerm));
        var decision = Assert.Single(s.Facts<RecallDecisionRecorded>());
        Assert.Equal(56, decision.FixedTermDays);
        Assert.Equal("ftr-56", decision.LawId);

        s.On("2026-04-14", new ReturnedToCustody(D("2026-04-14")));
        Assert.Equal(Stage.RecalledToCustody, s.State.Stage);
        Assert.Equal(D("2026-06-09"), s.State.Recall!.ReleaseDue);
        Assert.DoesNotContain(s.State.Deadlines, d => d.RuleId is "licence-contact" or "home-visit");

        s.RunUntil("2026-05-08");
        var repeal = Assert.Single(s.Facts<LawApplied>(), l => l.LawId == "pss-repeal");
        Assert.Contains("TUSED 2027-03-18 removed", repeal.Change);
        Assert.Null(s.State.Dates!.Tused);

        s.On("2026-06-09", new ReReleased(D("2026-06-09")));
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.Equal(D("2026-06-09"), s.Open("first-appointment").DueDate);
        s.RunUntil("2026-07-05");
        Assert.Equal(Stage.Ended, s.State.Stage);
        Assert.False(s.State.EndedByPssRepeal);
        Assert.Empty(s.State.Deadlines);
        Assert.Equal([Stage.Sentenced, Stage.PreRelease, Stage.Licence, Stage.RecalledToCustody, Stage.Licence, Stage.Ended], s.Stages);
    }

    [Fact]
    public void A_fixed_term_recall_decided_before_31_March_2026_on_a_sentence_under_12_months_is_14_days()
    {
        var s = OnLicence();
        s.On("2026-03-20", new LicenceBreached(D("2026-03-20"), "missed appointments"));
        s.On("2026-03-21", new RecallDecided(D("2026-03-21"), RecallType.FixedTerm));
        Assert.Equal(14, Assert.Single(s.Facts<RecallDecisionRecorded>()).FixedTermDays);
    }

    [Fact]
    public void A_person_returned_before_the_recall_decision_arrives_gets_the_release_date_when_it_does()
    {
        var s = OnLicence();
        s.On("2026-04-10", new LicenceBreached(D("2026-04-10"), "failed to reside"));
        s.On("2026-04-12", new ReturnedToCustody(D("2026-04-12")));
        Assert.Null(s.State.Recall!.ReleaseDue);
        s.On("2026-04-13", new RecallDecided(D("2026-04-13"), RecallType.FixedTerm));
        Assert.Equal(D("2026-06-07"), s.State.Recall!.ReleaseDue);
    }

    [Fact]
    public void An_unanswered_breach_reminds_the_COM_and_escalates_to_the_SPO_after_one_working_day()
    {
        var s = OnLicence();
        s.On("2026-04-10", new LicenceBreached(D("2026-04-10"), "failed to reside"));
        s.RunUntil("2026-04-15");
        var kinds = s.RemindersFor("recall-request").Select(r => (r.Kind, r.RecipientRole)).ToList();
        Assert.Contains((Durable.ReminderKind.Overdue, Durable.RecipientRole.Com), kinds);
        Assert.Contains((Durable.ReminderKind.Escalation, Durable.RecipientRole.Spo), kinds);
    }
}
