using ShortSentences.App.Events;

namespace ShortSentences.App.Api;

/// <summary>
/// What the function endpoints ask of the journeys. The endpoints own HTTP (validation, keys, status codes,
/// problem documents); an implementation owns the durable runtime and storage. Inputs arrive already validated.
/// </summary>
public interface IJourneyOperations
{
    /// <summary>Starts (or, for a repeated event id, finds) the journey for a sentence event.</summary>
    Task<SentenceOutcome> StartAsync(SentenceEvent sentence, CancellationToken ct);

    /// <summary>Maps a domain event to journey events and delivers them; unknown types are counted, not failed.</summary>
    Task<DomainEventOutcome> ApplyAsync(DomainEvent domainEvent, CancellationToken ct);

    Task<JourneyView?> GetAsync(string journeyId, CancellationToken ct);

    Task<JourneyPage> ListAsync(JourneyQuery query, CancellationToken ct);

    Task<JourneyHistory?> HistoryAsync(string journeyId, CancellationToken ct);

    Task<IReadOnlyList<JourneyView>> ForPersonAsync(string crn, CancellationToken ct);

    /// <summary>Suspends, resumes or terminates a journey; the reason and who acted are recorded in its history.</summary>
    Task<ControlOutcome> ControlAsync(string journeyId, JourneyControl control, string reason, string by, CancellationToken ct);

    /// <summary>
    /// A member of staff closes an open task (a <c>task-completed</c> event; <c>StaffActions</c> builds and judges it
    /// with the decider, so an implementation only loads, delivers and reads back). The same completion again changes nothing.
    /// </summary>
    Task<ActionOutcome> CompleteTaskAsync(string journeyId, TaskCompletion completion, CancellationToken ct);

    /// <summary>A member of staff corrects the journey's dates (a <c>dates-corrected</c> event); the same event id again changes nothing.</summary>
    Task<ActionOutcome> CorrectDatesAsync(string journeyId, DateCorrection correction, CancellationToken ct);

    /// <summary>Fires every deadline that has fallen due; answers how many fired.</summary>
    Task<int> FireDueDeadlinesAsync(CancellationToken ct);

    /// <summary>Sends one reminder from the reminders queue (idempotent by the reminder's key).</summary>
    Task<ReminderOutcome> SendReminderAsync(string message, CancellationToken ct);

    /// <summary>Counters for the health endpoint (e.g. domain events of unknown types acknowledged).</summary>
    IReadOnlyDictionary<string, long> Counters { get; }
}
