using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using Xunit;
using static ShortSentences.Journeys.Tests.Scenarios.Scenario;

namespace ShortSentences.Journeys.Tests.Scenarios;

public class StaffCompleteTasksTests
{
    // Six months from 3 Nov 2025 at 40%: released on licence in late January 2026.
    private static Scenario Released(out string releasedOn)
    {
        var s = new Scenario();
        s.On("2025-11-03", s.Sentence("2025-11-03", months: 6));
        releasedOn = $"{s.State.Dates!.Crd:yyyy-MM-dd}";
        s.On(releasedOn, new Released(s.State.Dates.Crd));
        return s;
    }

    [Fact]
    public void A_home_visit_marked_done_in_time_is_met_on_time_with_who_and_the_note_in_the_history()
    {
        var s = Released(out var released);
        var visit = s.Open("home-visit");
        var on = visit.DueDate.PlusDays(-2);
        s.On($"{on:yyyy-MM-dd}", new TaskCompleted(visit.TaskId, on, "sam.jones", "seen at the approved premises"));
        Assert.Null(s.State.OpenDeadline("home-visit"));
        var met = Assert.Single(s.Facts<DeadlineMet>(), m => m.TaskId == visit.TaskId);
        Assert.False(met.Late);
        Assert.Equal(on, met.On);
        Assert.Contains(s.Facts<Noted>(), n => n.What.Contains("sam.jones") && n.What.Contains("seen at the approved premises"));
    }

    [Fact]
    public void A_task_marked_done_after_its_due_date_is_recorded_as_late()
    {
        var s = Released(out _);
        var visit = s.Open("home-visit");
        var on = visit.DueDate.PlusDays(3);
        s.On($"{on:yyyy-MM-dd}", new TaskCompleted(visit.TaskId, on, "sam.jones"));
        Assert.True(Assert.Single(s.Facts<DeadlineMet>(), m => m.TaskId == visit.TaskId).Late);
    }

    [Fact]
    public void Reminders_stop_once_the_task_is_done()
    {
        var s = Released(out _);
        var visit = s.Open("home-visit");
        var on = visit.DueDate.PlusDays(-3);
        s.On($"{on:yyyy-MM-dd}", new TaskCompleted(visit.TaskId, on, "sam.jones"));
        var before = s.RemindersFor("home-visit").Count();
        s.RunUntil($"{visit.DueDate.PlusDays(30):yyyy-MM-dd}");
        Assert.Equal(before, s.RemindersFor("home-visit").Count());
    }

    [Fact]
    public void A_task_that_is_not_open_is_refused_naming_the_open_tasks_and_nothing_changes()
    {
        var s = Released(out var released);
        var open = s.State.Deadlines.Length;
        s.On(released, new TaskCompleted("no-such-task", s.State.ReleasedOn!.Value, "sam.jones"));
        var rejected = Assert.Single(s.Facts<EventRejected>());
        Assert.Contains("home-visit", rejected.Reason);
        Assert.Equal(open, s.State.Deadlines.Length);
    }

    [Fact]
    public void A_task_done_after_today_or_before_the_sentence_is_refused()
    {
        var s = Released(out var released);
        var visit = s.Open("home-visit");
        s.On(released, new TaskCompleted(visit.TaskId, s.State.ReleasedOn!.Value.PlusDays(1), "sam.jones"));
        s.On(released, new TaskCompleted(visit.TaskId, D("2025-11-02"), "sam.jones"));
        Assert.Equal(2, s.Facts<EventRejected>().Count());
        Assert.NotNull(s.State.OpenDeadline("home-visit"));
    }

    [Fact]
    public void The_same_completion_again_changes_nothing()
    {
        var s = Released(out _);
        var visit = s.Open("home-visit");
        var on = visit.DueDate.PlusDays(-1);
        s.On($"{on:yyyy-MM-dd}", new TaskCompleted(visit.TaskId, on, "sam.jones"), id: "complete-1");
        var facts = s.History.Count;
        s.On($"{on:yyyy-MM-dd}", new TaskCompleted(visit.TaskId, on, "sam.jones"), id: "complete-1");
        Assert.Equal(facts, s.History.Count);
    }

    [Fact]
    public void A_licence_contact_marked_done_sets_the_next_monthly_contact()
    {
        var s = Released(out _);
        var contact = s.Open("licence-contact");
        var on = contact.DueDate.PlusDays(-5);
        s.On($"{on:yyyy-MM-dd}", new TaskCompleted(contact.TaskId, on, "sam.jones"));
        var next = s.Open("licence-contact");
        Assert.NotEqual(contact.TaskId, next.TaskId);
        Assert.Equal(on.PlusDays(30), next.DueDate);
    }

    [Fact]
    public void Every_task_open_on_release_day_can_be_closed_by_staff_on_the_day()
    {
        var s = Released(out var released);
        var day = s.State.ReleasedOn!.Value;
        foreach (var task in s.State.Deadlines.ToList())
            s.On(released, new TaskCompleted(task.TaskId, day, "sam.jones"));
        Assert.Empty(s.Facts<EventRejected>());
        Assert.DoesNotContain(s.State.Deadlines, d => d.DueDate <= day);
    }
}
