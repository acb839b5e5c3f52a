using NodaTime;
using ShortSentences.Journeys.Durable;

namespace ShortSentences.Runtime;

/// <summary>A journey as stored: its state (default until started), how many history entries it has, and parked events.</summary>
public sealed record JourneySnapshot<TState>(
    string JourneyId, bool Started, TState? State, long Sequence, long ParkedNext, long ParkedApplied, string? ETag)
{
    public bool HasParked => ParkedApplied < ParkedNext;
}

/// <summary>One entry of a journey's history (its audit trail): the event, what it led to, and when it was recorded.</summary>
public sealed record HistoryEntry<TFact>(
    long Sequence, string EventId, string EventType, string EventJson, IReadOnlyList<TFact> Facts, Instant RecordedAt);

public enum StepResult
{
    /// <summary>The event was recorded (with any parked events it released).</summary>
    Applied,
    /// <summary>The event's id was seen before; nothing changed.</summary>
    Duplicate,
    /// <summary>The journey has not started; the event waits in its inbox.</summary>
    Parked,
    /// <summary>The timer is no longer open at that instant (cancelled, moved, fired, or the journey is unknown).</summary>
    StaleTimer,
    /// <summary>The timer is open but not yet due by this worker's clock.</summary>
    NotYetDue,
}

public sealed record StepOutcome(StepResult Result, IReadOnlyList<ReminderCommand> Commands)
{
    public static StepOutcome Of(StepResult r) => new(r, []);
}
