namespace ShortSentences.Runtime.Storage;

/// <summary>The slice of Azure Queue Storage the runtime needs (see <see cref="IRuntimeTables"/> for why it is a port).</summary>
public interface IRuntimeQueues
{
    Task EnsureQueue(string queue, CancellationToken ct);

    Task Send(string queue, string text, CancellationToken ct);

    /// <summary>Up to <paramref name="max"/> (at most 32) messages, hidden from others for <paramref name="visibility"/>.</summary>
    Task<IReadOnlyList<ReceivedMessage>> Receive(string queue, int max, TimeSpan visibility, CancellationToken ct);

    /// <summary>Deletes a received message; a message whose pop receipt has expired is left (at-least-once).</summary>
    Task Delete(string queue, ReceivedMessage message, CancellationToken ct);

    /// <summary>Makes a received message visible again after <paramref name="delay"/> (retry sooner than its timeout).</summary>
    Task Abandon(string queue, ReceivedMessage message, TimeSpan delay, CancellationToken ct);

    /// <summary>Messages in the queue, visible or not (approximate, as Azure reports it).</summary>
    Task<int> ApproximateCount(string queue, CancellationToken ct);

    /// <summary>Reads visible messages without taking them (at most 32).</summary>
    Task<IReadOnlyList<string>> Peek(string queue, int max, CancellationToken ct);
}

public sealed record ReceivedMessage(string MessageId, string PopReceipt, string Text, long DequeueCount);
