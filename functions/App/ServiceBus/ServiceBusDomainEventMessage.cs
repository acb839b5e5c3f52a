using Azure.Messaging.ServiceBus;

namespace ShortSentences.App.ServiceBus;

/// <summary>A message of the Service Bus subscription, settled through the processor's event arguments (peek-lock).</summary>
public sealed class ServiceBusDomainEventMessage(ProcessMessageEventArgs args) : IDomainEventMessage
{
    public string MessageId => args.Message.MessageId;

    public long DeliveryCount => args.Message.DeliveryCount;

    public string Body => args.Message.Body.ToString();

    public Task CompleteAsync(CancellationToken ct) => args.CompleteMessageAsync(args.Message, ct);

    public Task AbandonAsync(CancellationToken ct) => args.AbandonMessageAsync(args.Message, cancellationToken: ct);

    public Task DeadLetterAsync(string reason, string description, CancellationToken ct) =>
        args.DeadLetterMessageAsync(args.Message, reason, description, ct);
}
