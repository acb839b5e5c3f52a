namespace ShortSentences.App.Api;

/// <summary>A journey as the management API shows it (modelled on Durable Functions' instance status).</summary>
public sealed record JourneyView(
    string JourneyId,
    string Crn,
    string? Noms,
    string SentenceId,
    string Stage,
    JourneyStatus Status,
    string? Com,
    string? Pdu,
    string? Region,
    IReadOnlyDictionary<string, string> KeyDates,
    IReadOnlyList<TaskView> OpenTasks,
    long HistorySize,
    bool Overdue,
    IReadOnlyList<SentenceView>? Sentences = null,
    string? Name = null);

/// <summary>
/// One sentence of a journey's custodial term: the one that started it, then those passed consecutive to or concurrent
/// with it while the person was in custody (they joined the journey; its key dates are the overall dates of them all).
/// </summary>
public sealed record SentenceView(string SentenceId, string SentenceDate, int Months, int Days, int RemandDays,
    IReadOnlyList<string> ConsecutiveTo, IReadOnlyList<string> ConcurrentWith);

public enum JourneyStatus { Running, Suspended, Terminated, Completed }

/// <summary>An open task with its due date and the reason for the deadline, in words staff recognise.</summary>
public sealed record TaskView(string TaskId, string RuleId, string Title, string DueDate, string Reason, bool Overdue);

public sealed record JourneyPage(IReadOnlyList<JourneyView> Journeys, string? ContinuationToken);

/// <summary>The history (the audit trail) and the management actions taken on the journey with their reasons.</summary>
public sealed record JourneyHistory(string JourneyId, IReadOnlyList<HistoryItem> Entries, IReadOnlyList<Journeys.ControlRecord> Controls);

/// <summary>
/// One history entry: the event and what it led to (facts), the day it happened (<paramref name="OccurredOn"/>, first:
/// the event's own date) and when it was recorded.
/// </summary>
public sealed record HistoryItem(long Sequence, string RecordedAt, string EventId, string EventType, object? Event, IReadOnlyList<object?> Facts,
    [property: System.Text.Json.Serialization.JsonPropertyOrder(-1)] string? OccurredOn = null);

public sealed record JourneyQuery(string? Crn, string? Stage, string? Com, string? Pdu, bool? Overdue, string? ContinuationToken, int PageSize);

public enum JourneyControl { Suspend, Resume, Terminate }

/// <summary><paramref name="Joined"/> when the sentence joined a journey already in custody instead of starting one.</summary>
public sealed record SentenceOutcome(JourneyView Journey, bool Duplicate, bool Joined = false);

/// <summary>
/// What became of a domain event. <paramref name="Reason"/> says why a journey rejected or refused it;
/// <paramref name="Field"/> names the event's field that made a journey refuse it (nothing was recorded).
/// </summary>
public sealed record DomainEventOutcome(string Outcome, IReadOnlyList<string> JourneyIds, string? Reason = null, string? Field = null)
{
    public const string Applied = "applied";
    /// <summary>The journey took the event in and rejected it (its history says event-rejected and why).</summary>
    public const string Rejected = "rejected";
    /// <summary>The event's date is after today or before the journey's sentence: refused, nothing recorded.</summary>
    public const string Refused = "refused";
    public const string UnknownType = "ignored-unknown-type";
    /// <summary>The event names no one (no CRN, no NOMS number), so no journey can ever be found for it.</summary>
    public const string NoJourney = "no-matching-journey";
    /// <summary>No journey yet for the person: kept, and applied when their journey starts.</summary>
    public const string Parked = "parked";
    public const string Duplicate = "duplicate";
    public const string Ignored = "ignored";
}

public abstract record ControlOutcome
{
    public sealed record Done(JourneyView Journey) : ControlOutcome;
    public sealed record NotFound : ControlOutcome;
    /// <summary>The journey's state does not allow it (e.g. resuming a journey that is not suspended).</summary>
    public sealed record Refused(string Why) : ControlOutcome;
}

public sealed record ReminderOutcome(bool Sent, bool Retry, string Detail);
