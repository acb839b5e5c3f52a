namespace ShortSentences.App.ServiceBus;

/// <summary>
/// One HMPPS domain event as it arrived, and the three ways to settle it (ARCHITECTURE D5). In Azure it is a message
/// of the Service Bus subscription hmpps-domain-events / short-sentence-journeys; locally a message of the storage
/// queue that stands in for it. <see cref="DomainEventConsumer"/> decides; this only carries the decision out.
/// </summary>
public interface IDomainEventMessage
{
    string MessageId { get; }

    /// <summary>How many times this message has been delivered, this time included (1 the first time).</summary>
    long DeliveryCount { get; }

    string Body { get; }

    /// <summary>Applied, duplicate or ignored: the event is done with and leaves the subscription.</summary>
    Task CompleteAsync(CancellationToken ct);

    /// <summary>A failure a retry can cure: give the message back to be delivered again (up to the delivery count).</summary>
    Task AbandonAsync(CancellationToken ct);

    /// <summary>It can never be applied: keep it where someone can read it, with why.</summary>
    Task DeadLetterAsync(string reason, string description, CancellationToken ct);
}
