using System.Collections.Concurrent;
using ShortSentences.Storage;
using ShortSentences.Storage.Queues;

namespace ShortSentences.Runtime.Storage;

/// <summary>The runtime's queue port on the project's own Queue client (functions/Storage).</summary>
public sealed class StorageQueuesAdapter(QueueServiceClient service) : IRuntimeQueues
{
    private readonly ConcurrentDictionary<string, QueueClient> _clients = new();

    private QueueClient Client(string queue) => _clients.GetOrAdd(queue, service.GetQueueClient);

    public Task EnsureQueue(string queue, CancellationToken ct) => Client(queue).CreateIfNotExistsAsync(ct);

    public Task Send(string queue, string text, CancellationToken ct) =>
        Client(queue).SendAsync(text, timeToLive: Timeout.InfiniteTimeSpan, ct: ct);

    public async Task<IReadOnlyList<ReceivedMessage>> Receive(string queue, int max, TimeSpan visibility, CancellationToken ct) =>
        (await Client(queue).ReceiveAsync(max, visibility, ct))
        .Select(m => new ReceivedMessage(m.MessageId, m.PopReceipt, m.Text, m.DequeueCount)).ToList();

    public async Task Delete(string queue, ReceivedMessage message, CancellationToken ct)
    {
        // A stale pop receipt means the message became visible again and someone else owns it now: leave it to them.
        try { await Client(queue).DeleteAsync(message.MessageId, message.PopReceipt, ct); }
        catch (StorageRequestException e) when (e.IsNotFound || e.ErrorCode == "PopReceiptMismatch") { }
    }

    public async Task Abandon(string queue, ReceivedMessage message, TimeSpan delay, CancellationToken ct)
    {
        try { await Client(queue).UpdateAsync(message.MessageId, message.PopReceipt, delay, ct: ct); }
        catch (StorageRequestException e) when (e.IsNotFound || e.ErrorCode == "PopReceiptMismatch") { }
    }

    public Task<int> ApproximateCount(string queue, CancellationToken ct) => Client(queue).GetApproximateCountAsync(ct);

    public async Task<IReadOnlyList<string>> Peek(string queue, int max, CancellationToken ct) =>
        (await Client(queue).PeekAsync(max, ct)).Select(m => m.Text).ToList();
}
