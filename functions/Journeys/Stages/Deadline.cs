using System.Collections.Immutable;
using NodaTime;
using ShortSentences.Journeys.Durable;

namespace ShortSentences.Journeys.Stages;

/// <summary>A reminder planned for a deadline: when it is raised, on which local day, and of which kind.</summary>
public sealed record PlannedReminder(Instant At, LocalDate On, ReminderKind Kind);

/// <summary>
/// An open task with its due date, the rule that set it and why. <paramref name="Seq"/> numbers every deadline a journey
/// ever set, so a timer id (<see cref="TimerId"/>) is never reused; <paramref name="NextReminder"/> indexes the next
/// planned reminder (past the end: all raised, the deadline waits to be met or cancelled).
/// </summary>
public sealed record Deadline(
    string TaskId,
    string RuleId,
    int Seq,
    LocalDate SetOn,
    LocalDate DueDate,
    string Reason,
    RecipientRole Recipient,
    ImmutableArray<PlannedReminder> Reminders,
    int NextReminder)
{
    [System.Text.Json.Serialization.JsonIgnore] public string? TimerId => NextReminder < Reminders.Length ? $"deadline/{Seq}/{NextReminder}" : null;
}
