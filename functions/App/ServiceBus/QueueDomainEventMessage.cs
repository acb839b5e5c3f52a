using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ShortSentences.App.ServiceBus;

/// <summary>
/// Locally, a message of the storage queue that stands in for the subscription (<see cref="LocalQueues.DomainEvents"/>),
/// settled the way Service Bus would: complete deletes it; abandon makes it visible again after a short back-off
/// until <paramref name="maxDeliveries"/>, then dead-letters it (reason MaxDeliveryCountExceeded, as Service Bus
/// says); dead-letter moves it to the <paramref name="poison"/> queue as a <see cref="LocalDeadLetter"/> carrying the reason.
/// </summary>
public sealed class QueueDomainEventMessage(QueueClient queue, QueueClient poison, QueueMessage message, int maxDeliveries)
    : IDomainEventMessage
{
    public const string MaxDeliveryReason = "MaxDeliveryCountExceeded";

    public string MessageId => message.MessageId;

    public long DeliveryCount => message.DequeueCount;

    public string Body => message.Body.ToString();

    public Task CompleteAsync(CancellationToken ct) => queue.CompleteAsync(message, ct);

    public Task AbandonAsync(CancellationToken ct) =>
        message.DequeueCount >= maxDeliveries
            ? DeadLetterAsync(MaxDeliveryReason, $"Delivered {message.DequeueCount} times without being applied.", ct)
            : queue.AbandonAsync(message, TimeSpan.FromSeconds(Math.Min(30, 2 * message.DequeueCount)), ct);

    public async Task DeadLetterAsync(string reason, string description, CancellationToken ct)
    {
        // Written before the delete: a crash in between leaves a copy in both, never in neither.
        var letter = new LocalDeadLetter(message.MessageId, message.DequeueCount, reason, description, Body);
        await poison.SendForeverAsync(JsonSerializer.Serialize(letter, LocalDeadLetter.Json), ct);
        await queue.CompleteAsync(message, ct);
    }
}

/// <summary>A dead-lettered domain event in the local poison queue, with Service Bus's names for why.</summary>
public sealed record LocalDeadLetter(string MessageId, long DeliveryCount, string DeadLetterReason, string DeadLetterErrorDescription, string Body)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
