using NodaTime;

namespace ShortSentences.Journeys.Durable;

/// <summary>
/// The pure core of a durable journey (the decider pattern). Given the journey's state, an event and the current
/// instant, <see cref="Decide"/> says what happened; <see cref="Evolve"/> folds each recorded fact into the state.
/// The runtime (functions/Runtime) owns all I/O: it stores the facts as the journey's history, keeps one durable timer
/// for each entry of <see cref="OpenTimers"/>, delivers <see cref="TimerFired"/> when one falls due, and executes the
/// commands at least once, de-duplicated by their idempotency keys.
/// Replaying the history through <see cref="Evolve"/> from <see cref="Initial"/> must give the same state.
/// </summary>
public interface IDecider<TState, TEvent, TFact>
{
    TState Initial(string journeyId);

    /// <summary>Pure: no clock reads, no I/O, no randomness. A rejected event is recorded as a fact, never thrown.</summary>
    Decision<TFact> Decide(TState state, TEvent @event, Instant now);

    TState Evolve(TState state, TFact fact);

    /// <summary>Timers the runtime must keep for this state; ids are stable while a timer is open.</summary>
    IReadOnlyCollection<JourneyTimer> OpenTimers(TState state);

    /// <summary>The event delivered to <see cref="Decide"/> when <paramref name="timer"/> falls due.</summary>
    TEvent TimerFired(JourneyTimer timer);

    /// <summary>True once the journey has ended; an ended journey has no open timers.</summary>
    bool IsEnded(TState state);
}

/// <summary>A durable timer: fires at <paramref name="DueAt"/>, identified by <paramref name="Id"/> within its journey.</summary>
public sealed record JourneyTimer(string Id, Instant DueAt);

/// <summary>What one event did: facts to append to the history, and commands (reminders) to execute.</summary>
public sealed record Decision<TFact>(IReadOnlyList<TFact> Facts, IReadOnlyList<ReminderCommand> Commands)
{
    public static Decision<TFact> Nothing { get; } = new([], []);
}

/// <summary>
/// A reminder to a member of staff. <paramref name="IdempotencyKey"/> is unique per journey, task and kind
/// (e.g. "J-X777519-S1/com-allocation/overdue"): sending the same key twice must send one message.
/// </summary>
public sealed record ReminderCommand(
    string IdempotencyKey,
    string JourneyId,
    string Crn,
    string TaskId,
    string RuleId,
    ReminderKind Kind,
    RecipientRole RecipientRole,
    string Recipient,
    string Pdu,
    LocalDate DueDate,
    string Reason,
    Instant RaisedAt);

public enum ReminderKind { Upcoming, DueToday, Overdue, Escalation }

/// <summary>Who a reminder is for; <c>PreReleaseTeam</c> is the holding prison's team (people held far from home).</summary>
public enum RecipientRole { Com, Spo, Pdu, PreReleaseTeam }
