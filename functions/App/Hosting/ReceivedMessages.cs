using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ShortSentences.App;

/// <summary>
/// Settling a message the local runner received, as the Functions host and Service Bus settle theirs. A delete or
/// abandon that finds its pop receipt stale (the message became visible again and another receiver holds it now,
/// or it is gone) leaves it to that receiver: delivery is at least once, never lost.
/// </summary>
public static class ReceivedMessages
{
    /// <summary>Messages put on the local queues never expire (the SDK's default is 7 days): a poisoned one waits to be read.</summary>
    public static readonly TimeSpan Forever = TimeSpan.FromSeconds(-1);

    public static async Task CompleteAsync(this QueueClient queue, QueueMessage message, CancellationToken ct)
    {
        try { await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct); }
        catch (RequestFailedException e) when (IsLeaseLost(e)) { }
    }

    /// <summary>Visible again after <paramref name="delay"/>, so a retry comes sooner than the visibility timeout.</summary>
    public static async Task AbandonAsync(this QueueClient queue, QueueMessage message, TimeSpan delay, CancellationToken ct)
    {
        try { await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: ct); }
        catch (RequestFailedException e) when (IsLeaseLost(e)) { }
    }

    public static async Task SendForeverAsync(this QueueClient queue, string text, CancellationToken ct) =>
        await queue.SendMessageAsync(text, visibilityTimeout: null, timeToLive: Forever, cancellationToken: ct);

    private static bool IsLeaseLost(RequestFailedException e) => e.Status == 404 || e.ErrorCode is "PopReceiptMismatch" or "MessageNotFound";
}
