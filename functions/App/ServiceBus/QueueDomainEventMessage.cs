using System.Text.Json;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.App.ServiceBus;

/// <summary>
/// Locally, a message of the storage queue that stands in for the subscription (<see cref="LocalQueues.DomainEvents"/>),
/// settled the way Service Bus would: complete deletes it; abandon makes it visible again after a short back-off
/// until <paramref name="maxDeliveries"/>, then dead-letters it (reason MaxDeliveryCountExceeded, as Service Bus
/// says); dead-letter moves it to the poison queue as a <see cref="LocalDeadLetter"/> carrying the reason.
/// </summary>
public sealed class QueueDomainEventMessage(IRuntimeQueues queues, string queue, ReceivedMessage message, int maxDeliveries)
    : IDomainEventMessage
{
    public const string MaxDeliveryReason = "MaxDeliveryCountExceeded";

    public string MessageId => message.MessageId;

    public long DeliveryCount => message.DequeueCount;

    public string Body => message.Text;

    public Task CompleteAsync(CancellationToken ct) => queues.Delete(queue, message, ct);

    public Task AbandonAsync(CancellationToken ct) =>
        message.DequeueCount >= maxDeliveries
            ? DeadLetterAsync(MaxDeliveryReason, $"Delivered {message.DequeueCount} times without being applied.", ct)
            : queues.Abandon(queue, message, TimeSpan.FromSeconds(Math.Min(30, 2 * message.DequeueCount)), ct);

    public async Task DeadLetterAsync(string reason, string description, CancellationToken ct)
    {
        // Written before the delete: a crash in between leaves a copy in both, never in neither.
        var letter = new LocalDeadLetter(message.MessageId, message.DequeueCount, reason, description, message.Text);
        await queues.Send(LocalQueues.Poison(queue), JsonSerializer.Serialize(letter, LocalDeadLetter.Json), ct);
        await queues.Delete(queue, message, ct);
    }
}

/// <summary>A dead-lettered domain event in the local poison queue, with Service Bus's names for why.</summary>
public sealed record LocalDeadLetter(string MessageId, long DeliveryCount, string DeadLetterReason, string DeadLetterErrorDescription, string Body)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
