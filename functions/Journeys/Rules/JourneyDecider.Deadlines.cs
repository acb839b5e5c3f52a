using System.Collections.Immutable;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

// Deadlines policy: due dates from rules, reminder plans (lead, on the day, overdue, escalation), reminder commands.
public sealed partial class JourneyDecider
{
    public LocalDate DueDate(DeadlineRule rule, LocalDate anchor)
    {
        var due = rule.Count == DayCount.Working ? Holidays.AddWorkingDays(anchor, rule.Days) : anchor.PlusDays(rule.Days);
        if (!Policy.DueOnWorkingDays) return due;
        // Never before the day the task starts from: a first appointment on a Saturday release stays on the Saturday.
        var working = Holidays.OnOrBeforeWorkingDay(due);
        return working >= anchor || rule.Days < 0 ? working : due;
    }

    /// <summary>
    /// The day a person is expected to leave prison: the release date, or the working day before it when it falls on a
    /// weekend or bank holiday (release is brought forward in practice; the calculated date itself does not move).
    /// </summary>
    public LocalDate ExpectedReleaseDay(LocalDate releaseDate) => Holidays.OnOrBeforeWorkingDay(releaseDate);

    private Instant ReminderInstant(LocalDate day) =>
        day.At(new LocalTime(Policy.ReminderHour, 0)).InZoneLeniently(London).ToInstant();

    /// <summary>
    /// Sets a deadline unless the same task is open or done. Recurring tasks pass a <paramref name="taskId"/> of their own.
    /// A due date already past when the task is set is kept (the task is overdue at once, and staff hear so now).
    /// </summary>
    private void SetDeadline(Step step, DeadlineRule rule, LocalDate anchor, string? taskId = null, LocalDate? due = null, string? reason = null)
    {
        var dueDate = due ?? DueDate(rule, anchor);
        var recurring = ReferenceEquals(taskId, RecurringTask);
        taskId = recurring ? RecurringId(rule, dueDate) : taskId ?? rule.RuleId;
        var s = step.State;
        // A one-off task done early is never set again; a recurring one may fall due on a day already met (two contacts on a day).
        if (!recurring && s.Done.Contains(taskId)) return;
        foreach (var d in s.Deadlines) if (d.TaskId == taskId || recurring && d.RuleId == rule.RuleId && d.DueDate == dueDate) return;
        var plan = PlanReminders(rule, step.Today, dueDate, step.Now);
        step.Add(new DeadlineSet(new Deadline(taskId, rule.RuleId, s.DeadlineSeq + 1, step.Today, dueDate, reason ?? rule.Reason, rule.Recipient, plan, 0)));
    }

    /// <summary>Marks a task that recurs (contacts, reviews): its id is the rule and the day it falls due.</summary>
    private static string Recurring(Step step, DeadlineRule rule) => RecurringTask;

    private static readonly string RecurringTask = new("(recurring)");

    /// <summary>A recurring task's stable id, readable and free of internal counters: "licence-contact-2026-12-31".</summary>
    private static string RecurringId(DeadlineRule rule, LocalDate due) => $"{rule.RuleId}-{due:yyyy-MM-dd}";

    private ImmutableArray<PlannedReminder> PlanReminders(DeadlineRule rule, LocalDate today, LocalDate due, Instant now)
    {
        var days = new List<(LocalDate On, ReminderKind Kind)>(6);
        if (rule.LeadDays > 0)
            days.Add((rule.Count == DayCount.Working ? Holidays.AddWorkingDays(due, -rule.LeadDays) : due.PlusDays(-rule.LeadDays), ReminderKind.Upcoming));
        if (rule.RepeatEveryDays is int every and > 0)
            for (var d = today.PlusDays(every); d < due; d = d.PlusDays(every)) days.Add((d, ReminderKind.Upcoming));
        days.Add((due, ReminderKind.DueToday));
        var overdue = rule.Count == DayCount.Working ? Holidays.AddWorkingDays(due, 1) : due.PlusDays(1);
        days.Add((overdue, ReminderKind.Overdue));
        var escalation = Holidays.AddWorkingDays(due, Math.Max(1, rule.EscalateAfterOverdueWorkingDays));
        if (escalation <= overdue) escalation = Holidays.AddWorkingDays(overdue, 1);
        if (rule.RepeatEveryDays is int again and > 0)
            for (var d = overdue.PlusDays(again); d < escalation; d = d.PlusDays(again)) days.Add((d, ReminderKind.Overdue));
        days.Add((escalation, ReminderKind.Escalation));
        days.Sort((a, b) => a.On.CompareTo(b.On));

        // Reminders whose moment has passed collapse into one, raised now: the latest says where the task stands.
        var plan = ImmutableArray.CreateBuilder<PlannedReminder>(days.Count);
        PlannedReminder? past = null;
        foreach (var (on, kind) in days)
        {
            var at = ReminderInstant(on);
            if (at <= now) past = new PlannedReminder(now, on, kind);
            else
            {
                if (past is not null) { plan.Add(past); past = null; }
                if (plan.Count == 0 || plan[^1].On != on || plan[^1].Kind != kind) plan.Add(new PlannedReminder(at, on, kind));
            }
        }
        if (past is not null) plan.Add(past);
        return plan.ToImmutable();
    }

    private bool Meet(Step step, string ruleId, LocalDate on)
    {
        var d = step.State.OpenDeadline(ruleId);
        if (d is null) return false;
        step.Add(new DeadlineMet(d.TaskId, d.RuleId, on, on > d.DueDate));
        return true;
    }

    /// <summary>A task done before its deadline was set (or again): recorded, so it is never set later.</summary>
    private void MeetOrRecordEarly(Step step, DeadlineRule rule, LocalDate on, string what)
    {
        if (Meet(step, rule.RuleId, on)) return;
        if (step.State.Done.Contains(rule.RuleId)) step.Add(new Noted($"{what} recorded again on {on:yyyy-MM-dd}"));
        else step.Add(new DeadlineMet(rule.RuleId, rule.RuleId, on, false));
    }

    private void Cancel(Step step, string reason, params string[] ruleIds)
    {
        foreach (var d in step.State.Deadlines)
            if (Array.IndexOf(ruleIds, d.RuleId) >= 0) step.Add(new DeadlineCancelled(d.TaskId, reason));
    }

    private void CancelAllBut(Step step, string reason, params string[] keep)
    {
        foreach (var d in step.State.Deadlines)
            if (Array.IndexOf(keep, d.RuleId) < 0) step.Add(new DeadlineCancelled(d.TaskId, reason));
    }

    private void OnDeadlineTimer(Step step, Deadline d)
    {
        var planned = d.Reminders[d.NextReminder];
        step.Add(new ReminderRaised(d.TaskId, d.NextReminder, planned.Kind));
        var role = planned.Kind == ReminderKind.Escalation ? RecipientRole.Spo : d.Recipient;
        var repeated = RepeatsOfKind(d, planned.Kind) > 1 ? $"/{d.NextReminder}" : "";
        step.Commands.Add(Command(step, d.TaskId, d.RuleId, planned.Kind, role, d.DueDate, Wording(planned.Kind, d), repeated));
        // Women and others held far from home: the holding prison's pre-release team works the resettlement tasks too.
        if (step.State.HeldOutOfArea && step.State.InCustodyBeforeRelease && role != RecipientRole.Spo && IsResettlementTask(d.RuleId))
            step.Commands.Add(Command(step, d.TaskId, d.RuleId, planned.Kind, RecipientRole.PreReleaseTeam, d.DueDate, Wording(planned.Kind, d), repeated + "/prison"));
    }

    private bool IsResettlementTask(string ruleId) =>
        ruleId == Policy.ScreeningPart1.RuleId || ruleId == Policy.ScreeningPart2.RuleId ||
        ruleId == Policy.ResettlementPlan.RuleId || ruleId == Policy.DutyToRefer.RuleId;

    private static int RepeatsOfKind(Deadline d, ReminderKind kind)
    {
        var n = 0;
        foreach (var r in d.Reminders) if (r.Kind == kind) n++;
        return n;
    }

    private static string Wording(ReminderKind kind, Deadline d) => kind switch
    {
        ReminderKind.Upcoming => $"Due {d.DueDate:yyyy-MM-dd}: {d.Reason}",
        ReminderKind.DueToday => $"Due today: {d.Reason}",
        ReminderKind.Overdue => $"Overdue since {d.DueDate:yyyy-MM-dd}: {d.Reason}",
        _ => $"Escalated to the SPO, overdue since {d.DueDate:yyyy-MM-dd}: {d.Reason}",
    };

    /// <summary>An immediate alert (e.g. a breach at risk of running past TUSED), recorded and sent to COM and SPO.</summary>
    private void Alert(Step step, string taskId, string ruleId, LocalDate due, string reason)
    {
        step.Add(new Noted(reason));
        step.Commands.Add(Command(step, taskId, ruleId, ReminderKind.Escalation, RecipientRole.Com, due, reason, "/com"));
        step.Commands.Add(Command(step, taskId, ruleId, ReminderKind.Escalation, RecipientRole.Spo, due, reason, ""));
    }

    private ReminderCommand Command(Step step, string taskId, string ruleId, ReminderKind kind, RecipientRole role, LocalDate due, string reason, string suffix)
    {
        var s = step.State;
        var pdu = s.Person?.Pdu ?? "";
        var recipient = role switch
        {
            RecipientRole.Com => s.Com ?? $"unallocated ({pdu})",
            RecipientRole.Spo => $"SPO {pdu}",
            RecipientRole.Pdu => $"PDU {pdu}",
            _ => $"pre-release team {s.Prison}",
        };
        var key = $"{s.JourneyId}/{taskId}/{KindName(kind)}{suffix}@{due:yyyy-MM-dd}";
        return new ReminderCommand(key, s.JourneyId, s.Crn, taskId, ruleId, kind, role, recipient, pdu, due, reason, step.Now);
    }

    private static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.Upcoming => "upcoming",
        ReminderKind.DueToday => "due-today",
        ReminderKind.Overdue => "overdue",
        _ => "escalation",
    };
}
