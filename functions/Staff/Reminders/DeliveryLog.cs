using NodaTime;
using ShortSentences.Journeys.Durable;

namespace ShortSentences.Staff.Reminders;

public enum DeliveryStatus
{
    /// <summary>Claimed by a delivery that is sending it now.</summary>
    Sending,
    Sent,
    /// <summary>Held for the recipient's daily digest.</summary>
    WaitingForDigest,
    /// <summary>Sent as a line of a daily digest (<see cref="DeliveryRecord.DigestReference"/>).</summary>
    SentInDigest,
    /// <summary>Notify refused it (4xx) or no recipient could be found: repeating would fail the same way.</summary>
    Failed,
    /// <summary>Retries ran out on a transient failure: the next delivery of the same command tries again.</summary>
    FailedWillRetry,
}

/// <summary>The delivery log's entry for one reminder, keyed by the command's idempotency key.</summary>
public sealed record DeliveryRecord(
    ReminderCommand Command,
    DeliveryStatus Status,
    Instant UpdatedAt,
    string? RecipientEmail = null,
    string? RecipientName = null,
    string? RecipientStaffId = null,
    string? Channel = null,
    string? NotificationId = null,
    int Attempts = 0,
    ChannelFailure? Failure = null,
    string? DigestReference = null)
{
    public string Key => Command.IdempotencyKey;
}

/// <summary>
/// Exactly-once bookkeeping for reminders. <see cref="TryClaimAsync"/> is the one atomic step: only the caller that
/// claims a key may send it, so a command delivered twice (or by two workers at once) is sent once.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>
    /// Claims the key if it is new or failed transiently before (the claim keeps the earlier attempt count).
    /// Returns whether it was claimed, and the record now stored under the key.
    /// </summary>
    Task<(bool Claimed, DeliveryRecord Record)> TryClaimAsync(DeliveryRecord sending, CancellationToken cancellationToken = default);

    Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken = default);

    /// <summary>A digest is claimed like a reminder, under its own reference (one per recipient per day).</summary>
    Task<bool> TryClaimDigestAsync(string digestReference, CancellationToken cancellationToken = default);

    /// <summary>Gives a digest claim back after its e-mail failed, so a later run may send it.</summary>
    Task ReleaseDigestAsync(string digestReference, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeliveryRecord>> AllAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The delivery log in memory: right for local mode, tests and simulations. In Azure the lead backs the same
/// interface with a table (one row per key, insert-if-absent as the claim).
/// </summary>
public sealed class InMemoryDeliveryLog : IDeliveryLog
{
    private readonly Dictionary<string, DeliveryRecord> records = new(StringComparer.Ordinal);
    private readonly HashSet<string> digests = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task<(bool Claimed, DeliveryRecord Record)> TryClaimAsync(DeliveryRecord sending, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (records.TryGetValue(sending.Key, out var existing) && existing.Status != DeliveryStatus.FailedWillRetry)
                return Task.FromResult((false, existing));
            var claim = sending with { Attempts = existing?.Attempts ?? 0 };
            records[sending.Key] = claim;
            return Task.FromResult((true, claim));
        }
    }

    public Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken = default)
    {
        lock (gate) records[record.Key] = record;
        return Task.CompletedTask;
    }

    public Task<bool> TryClaimDigestAsync(string digestReference, CancellationToken cancellationToken = default)
    {
        lock (gate) return Task.FromResult(digests.Add(digestReference));
    }

    public Task ReleaseDigestAsync(string digestReference, CancellationToken cancellationToken = default)
    {
        lock (gate) digests.Remove(digestReference);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeliveryRecord>> AllAsync(CancellationToken cancellationToken = default)
    {
        lock (gate) return Task.FromResult<IReadOnlyList<DeliveryRecord>>(records.Values.ToList());
    }
}
