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

/// <summary>The result of claiming a reminder's key: whether this caller may send it, and what was there before.</summary>
public sealed record Claim(bool Claimed, DeliveryRecord Record, DeliveryStatus? Before)
{
    /// <summary>A key may be claimed again after a transient failure, or when its claimant stopped mid-send.</summary>
    public static bool MayReclaim(DeliveryRecord existing, Instant staleBefore) =>
        existing.Status == DeliveryStatus.FailedWillRetry
        || existing.Status == DeliveryStatus.Sending && existing.UpdatedAt < staleBefore;
}

/// <summary>
/// Exactly-once bookkeeping for reminders. <see cref="TryClaimAsync"/> is the one atomic step: only the caller that
/// claims a key may send it, so a command delivered twice (or by two workers at once) is sent once.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>
    /// Claims the key if it is new, failed transiently before, or was claimed before <paramref name="staleBefore"/> and
    /// never finished (the claim keeps the earlier attempt count). Returns whether it was claimed, the record now stored
    /// under the key, and the status it had before (null when new).
    /// </summary>
    Task<Claim> TryClaimAsync(DeliveryRecord sending, NodaTime.Instant staleBefore, CancellationToken cancellationToken = default);

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

    public Task<Claim> TryClaimAsync(DeliveryRecord sending, Instant staleBefore, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            records.TryGetValue(sending.Key, out var existing);
            if (existing is not null && !Claim.MayReclaim(existing, staleBefore))
                return Task.FromResult(new Claim(false, existing, existing.Status));
            var claim = sending with { Attempts = existing?.Attempts ?? 0 };
            records[sending.Key] = claim;
            return Task.FromResult(new Claim(true, claim, existing?.Status));
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
