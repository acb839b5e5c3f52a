using ShortSentences.Journeys.Durable;

namespace ShortSentences.Journeys.Policy;

public enum DayCount { Calendar, Working }

/// <summary>
/// One configurable deadline: <see cref="Days"/> after its anchor (negative: before it, e.g. before release), counted
/// as <see cref="Count"/> days (working days skip weekends and England and Wales bank holidays). Reminders go to
/// <see cref="Recipient"/> <see cref="LeadDays"/> before the due date, on the day, the day after, then (repeated every
/// <see cref="RepeatEveryDays"/> days if set) until the SPO is told after <see cref="EscalateAfterOverdueWorkingDays"/>
/// overdue working days. <see cref="Reason"/> is what staff read.
/// </summary>
public sealed record DeadlineRule(
    string RuleId,
    int Days,
    DayCount Count,
    RecipientRole Recipient,
    int LeadDays,
    int EscalateAfterOverdueWorkingDays,
    string Reason,
    int? RepeatEveryDays = null);
