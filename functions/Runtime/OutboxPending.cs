using NodaTime;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime;

/// <summary>A journey that may have commands waiting in its outbox.</summary>
public sealed record PendingOutbox(string JourneyId, Instant MarkedAt, string ETag);

/// <summary>
/// Marks journeys whose outbox may hold commands, so the dispatcher finds them without scanning every journey.
/// A step marks its journey before each commit attempt; a mark is cleared only once it is older than
/// <see cref="Settle"/> (long after any step that made it has committed or failed) and the outbox is empty.
/// </summary>
public sealed class OutboxPending(IRuntimeTables tables, RuntimeOptions options, TimeProvider clock)
{
    public static readonly Duration Settle = Duration.FromSeconds(30);
    private const string Partition = "outbox";

    public Task Mark(string journeyId, CancellationToken ct) =>
        tables.Submit(options.OutboxPendingTable, [TableOperation.Upsert(new StoredEntity(Partition,
            JourneyKeys.Escape(journeyId), new Dictionary<string, object?>
            {
                ["JourneyId"] = journeyId,
                ["MarkedTicks"] = Now().ToUnixTimeTicks(),
            }))], ct);

    public async Task<IReadOnlyList<PendingOutbox>> List(CancellationToken ct) =>
        (await tables.QueryRange(options.OutboxPendingTable, Partition, "", "~", ct))
        .Select(r => new PendingOutbox(r.String("JourneyId")!, Instant.FromUnixTimeTicks(r.Long("MarkedTicks")), r.ETag!))
        .ToList();

    /// <summary>Clears a settled mark whose outbox the caller has just emptied; a newer mark is kept.</summary>
    public async Task ClearIfSettled(PendingOutbox mark, CancellationToken ct)
    {
        if (Now() - mark.MarkedAt < Settle) return;
        try
        {
            await tables.Submit(options.OutboxPendingTable,
                [TableOperation.Delete(Partition, JourneyKeys.Escape(mark.JourneyId), mark.ETag)], ct);
        }
        catch (TableConcurrencyException) { /* marked again since we read it */ }
        catch (TableNotFoundException) { /* cleared by another dispatcher */ }
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
