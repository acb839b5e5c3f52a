namespace ShortSentences.Storage.Queues;

/// <summary>
/// One queue (the Queue service REST API). Message text is UTF-8, base64-encoded on the wire like the Azure SDKs and
/// the Functions queue trigger expect. Every failure the service reports is a <see cref="StorageRequestException"/>.
/// </summary>
public interface IQueueClient
{
    string Name { get; }
    Task CreateIfNotExistsAsync(CancellationToken ct = default);
    Task DeleteIfExistsAsync(CancellationToken ct = default);
    /// <summary>Deletes every message.</summary>
    Task ClearAsync(CancellationToken ct = default);
    /// <summary>The approximate number of messages (x-ms-approximate-messages-count).</summary>
    Task<int> GetApproximateCountAsync(CancellationToken ct = default);

    /// <summary>Enqueues a message, invisible for <paramref name="visibilityDelay"/>, kept for <paramref name="timeToLive"/>
    /// (default 7 days; <see cref="Timeout.InfiniteTimeSpan"/> for never expiring).</summary>
    Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken ct = default);
    /// <summary>Takes up to <paramref name="maxMessages"/> (1-32) messages and hides them for <paramref name="visibilityTimeout"/> (default 30 s).</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken ct = default);
    /// <summary>Looks at up to 32 visible messages without hiding them or counting a dequeue.</summary>
    Task<IReadOnlyList<PeekedMessage>> PeekAsync(int maxMessages = 1, CancellationToken ct = default);
    /// <summary>Deletes a received message; 404 MessageNotFound if the pop receipt is stale.</summary>
    Task DeleteAsync(string messageId, string popReceipt, CancellationToken ct = default);
    /// <summary>Changes a received message's visibility and, when <paramref name="newText"/> is given, its text.</summary>
    Task<UpdateReceipt> UpdateAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? newText = null, CancellationToken ct = default);
}

public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

public sealed record QueueMessage(string MessageId, string PopReceipt, long DequeueCount, string Text,
    DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);

public sealed record PeekedMessage(string MessageId, long DequeueCount, string Text, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn);

public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
