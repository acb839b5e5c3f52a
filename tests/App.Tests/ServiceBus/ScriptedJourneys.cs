using ShortSentences.App.Api;
using ShortSentences.App.Events;

namespace ShortSentences.App.Tests.ServiceBus;

/// <summary>Journeys that answer a domain event with the outcome, or the failure, a test scripts; it records what it was given.</summary>
public sealed class ScriptedJourneys(Func<DomainEvent, DomainEventOutcome> apply) : IJourneyOperations
{
    public List<DomainEvent> Applied { get; } = [];

    public Task<DomainEventOutcome> ApplyAsync(DomainEvent domainEvent, CancellationToken ct)
    {
        Applied.Add(domainEvent);
        return Task.FromResult(apply(domainEvent));
    }

    public IReadOnlyDictionary<string, long> Counters { get; } = new Dictionary<string, long>();

    // Not part of consuming domain events.
    public Task<SentenceOutcome> StartAsync(SentenceEvent sentence, CancellationToken ct) => throw new NotSupportedException();
    public Task<JourneyView?> GetAsync(string journeyId, CancellationToken ct) => throw new NotSupportedException();
    public Task<JourneyPage> ListAsync(JourneyQuery query, CancellationToken ct) => throw new NotSupportedException();
    public Task<JourneyHistory?> HistoryAsync(string journeyId, CancellationToken ct) => throw new NotSupportedException();
    public Task<IReadOnlyList<JourneyView>> ForPersonAsync(string crn, CancellationToken ct) => throw new NotSupportedException();
    public Task<ControlOutcome> ControlAsync(string journeyId, JourneyControl control, string reason, string by, CancellationToken ct) => throw new NotSupportedException();
    public Task<ActionOutcome> CompleteTaskAsync(string journeyId, TaskCompletion completion, CancellationToken ct) => throw new NotSupportedException();
    public Task<ActionOutcome> CorrectDatesAsync(string journeyId, DateCorrection correction, CancellationToken ct) => throw new NotSupportedException();
    public Task<int> FireDueDeadlinesAsync(CancellationToken ct) => throw new NotSupportedException();
    public Task<ReminderOutcome> SendReminderAsync(string message, CancellationToken ct) => throw new NotSupportedException();
}
