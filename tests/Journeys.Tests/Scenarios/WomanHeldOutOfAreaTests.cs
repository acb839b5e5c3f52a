using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class WomanHeldOutOfAreaTests
{
    // 10 months from 3 Mar 2025 = 306 days; SDS40: release 3 Jul 2025; HDC eligible from 4 May 2025.
    private static Scenario Received()
    {
        var s = new Scenario("F123456");
        s.On("2025-03-03", s.Sentence("2025-03-03", months: 10, female: true, region: "North East"));
        s.On("2025-03-03", new ReceivedIntoCustody(D("2025-03-03"), "HMP Styal", "North West"));
        return s;
    }

    [Fact]
    public void Ten_months_to_serve_or_less_goes_to_the_Short_Sentence_Function_with_the_COM_responsible_from_the_start()
    {
        var s = Received();
        Assert.Equal(D("2025-07-03"), s.State.Dates!.Crd);
        Assert.Equal(D("2025-05-04"), s.State.Dates.Hdced);
        Assert.True(s.State.ShortSentenceFunction);
        Assert.Equal("com-allocation-ssf", s.Open("com-allocation-ssf").RuleId);
    }

    [Fact]
    public void Held_far_from_home_the_prison_pre_release_team_hears_of_screening_and_the_resettlement_plan_as_well_as_the_COM()
    {
        var s = Received();
        Assert.True(s.State.HeldOutOfArea);
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("held out of area at HMP Styal"));
        s.On("2025-03-04", new ComAllocated("Alex Green"));
        s.RunUntil("2025-03-06");
        var screening = s.RemindersFor("screening-part-1").ToList();
        Assert.Contains(screening, r => r.RecipientRole == RecipientRole.Com && r.Recipient == "Alex Green");
        Assert.Contains(screening, r => r.RecipientRole == RecipientRole.PreReleaseTeam && r.Recipient == "pre-release team HMP Styal");
        Assert.Equal(screening.Count, screening.Select(r => r.IdempotencyKey).Distinct().Count());

        s.On("2025-03-05", new ScreeningCompleted(D("2025-03-05"), 1, [], []));
        s.On("2025-03-10", new ScreeningCompleted(D("2025-03-10"), 2, Enum.GetValues<Pathway>(), [Pathway.ChildrenFamiliesAndCommunity]));
        s.RunUntil("2025-04-10");
        Assert.Equal(Stage.PreRelease, s.State.Stage); // 84 days before 3 July
        Assert.Equal(D("2025-06-05"), s.Open("resettlement-plan").DueDate);
        s.RunUntil("2025-05-29");
        Assert.Contains(s.RemindersFor("resettlement-plan"), r => r.RecipientRole == RecipientRole.PreReleaseTeam && r.Kind == ReminderKind.Upcoming);
    }

    [Fact]
    public void Released_early_on_HDC_the_licence_tasks_start_and_the_pre_release_tasks_close()
    {
        var s = Received();
        s.On("2025-03-04", new ComAllocated("Alex Green"));
        s.On("2025-05-01", new ResettlementPlanCompleted(D("2025-05-01")));
        s.On("2025-05-19", new Released(D("2025-05-19"), OnHdc: true));
        Assert.Equal(Stage.Licence, s.State.Stage);
        Assert.True(s.State.OnHdc);
        Assert.Null(s.State.OpenDeadline("licence-approval"));
        Assert.Contains(s.Facts<DeadlineCancelled>(), c => c.TaskId == "licence-approval" && c.Reason.Contains("released on 2025-05-19"));
        Assert.Equal(D("2025-06-02"), s.Open("home-visit").DueDate);
        Assert.DoesNotContain(s.Facts<EventRejected>(), _ => true);
    }
}
