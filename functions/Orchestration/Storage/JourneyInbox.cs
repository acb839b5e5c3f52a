using Azure;
using Azure.Data.Tables;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// Each journey's inbox, in the journey's own partition of the journeys table. The client side appends an event
/// here first; the orchestration reads its inbox through an activity at the start of every execution, and the
/// external event it is sent afterwards is only a wake-up. So a wake-up lost by the engine (the ContinueAsNew bug
/// of the local sidecar, or an event raised before the instance exists) loses nothing: the event waits in the inbox.
/// <para>
/// Rows: <c>inbox</c> (the counter, ETag-guarded), <c>e-{seq:D12}</c> (the event, in arrival order, no gaps) and
/// <c>id-{eventId}</c> (the event ids seen). All three are written in one entity-group transaction, so an event is
/// either in the inbox with its sequence number or not at all, the same event id is taken once, and a reader that
/// sees event n has seen every event before it.
/// </para>
/// </summary>
public sealed class JourneyInbox(TableClient table)
{
    private const string CounterRow = "inbox";
    internal const string EventPrefix = "e-", IdPrefix = "id-";
    private const int Attempts = 50;

    /// <summary>
    /// Each journey's counter as this process last wrote it, so the next event for the journey is appended without
    /// reading the counter first (one storage round trip of the two).
    /// </summary>
    private readonly LastWrites<long> _counters = new();

    public TableClient Table => table;

    public static string EventRow(long seq) => EventPrefix + seq.ToString("D12");

    /// <summary>
    /// Appends the event unless its id was seen; answers its place in the inbox, which for a duplicate is the place of
    /// the copy taken first. <paramref name="at"/> is the sender's clock reading (see <c>JourneyClock</c>).
    /// </summary>
    public async Task<Appended> AppendAsync(string journeyId, string eventId, string eventType, string eventJson, string? at, CancellationToken ct)
    {
        var pk = TableKeys.Escape(journeyId);
        var idRow = IdPrefix + TableKeys.Escape(eventId);
        for (var attempt = 1; ; attempt++)
        {
            var cached = _counters.TryTake(pk, out var known, out var knownETag);
            (long Next, ETag ETag)? counter = cached ? (known, knownETag) : await ReadCounterAsync(pk, ct);
            var next = (counter?.Next ?? 0) + 1;
            var row = new TableEntity(pk, EventRow(next)) { ["EventId"] = eventId, ["EventType"] = eventType, ["At"] = at };
            Chunks.Put(row, "Event", eventJson);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, new TableEntity(pk, idRow) { ["Seq"] = next }),
                new(TableTransactionActionType.Add, row),
                counter is { } c
                    ? new(TableTransactionActionType.UpdateReplace, new TableEntity(pk, CounterRow) { ["Next"] = next }, c.ETag)
                    : new(TableTransactionActionType.Add, new TableEntity(pk, CounterRow) { ["Next"] = next }),
            };
            try
            {
                var answers = await table.SubmitTransactionAsync(actions, ct);
                _counters.Remember(pk, next, answers, actions.Count);
                return new Appended(next, Duplicate: false);
            }
            catch (TableTransactionFailedException) when (attempt < Attempts)
            {
                // Either the id is taken (a duplicate: done) or another writer moved the counter first (try again).
                var seen = await table.GetEntityIfExistsAsync<TableEntity>(pk, idRow, cancellationToken: ct);
                if (seen.HasValue) return new Appended(seen.Value!.GetInt64("Seq") ?? 0, Duplicate: true);
                if (cached) attempt--; // a stale remembered counter is not one of the attempts
            }
            catch (RequestFailedException e) when (e.Status == 404 && attempt < Attempts)
            {
                await table.CreateIfNotExistsAsync(ct);
            }
        }
    }

    private async Task<(long Next, ETag ETag)?> ReadCounterAsync(string pk, CancellationToken ct)
    {
        var counter = await table.GetEntityIfExistsAsync<TableEntity>(pk, CounterRow, cancellationToken: ct);
        return counter.HasValue ? (counter.Value!.GetInt64("Next") ?? 0, counter.Value!.ETag) : null;
    }

    /// <summary>Items after <paramref name="afterSeq"/>, oldest first, at most <paramref name="max"/>; only of <paramref name="onlyType"/> when given.</summary>
    public async Task<IReadOnlyList<InboxItem>> ReadAsync(string journeyId, long afterSeq, int max, CancellationToken ct, string? onlyType = null)
    {
        var pk = TableKeys.Escape(journeyId);
        var from = EventRow(afterSeq);
        var filter = onlyType is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {from} and RowKey lt {EventPrefix + "~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {from} and RowKey lt {EventPrefix + "~"} and EventType eq {onlyType}");
        var items = new List<InboxItem>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: ct))
        {
            var seq = long.Parse(row.RowKey.AsSpan(EventPrefix.Length));
            items.Add(new InboxItem(seq, row.GetString("EventId") ?? "", row.GetString("EventType") ?? "", Chunks.Get(row, "Event") ?? "", row.GetString("At")));
            if (items.Count >= max) break;
        }
        return items;
    }

    /// <summary>True once the event id has been taken into this journey's inbox.</summary>
    public async Task<bool> HasSeenAsync(string journeyId, string eventId, CancellationToken ct) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(journeyId), IdPrefix + TableKeys.Escape(eventId), cancellationToken: ct)).HasValue;
}

/// <summary>
/// One event of a journey's inbox: its place in arrival order, the event as the client wrote it, and the client's
/// clock when it did (ISO-8601; null for items written without one).
/// </summary>
public sealed record InboxItem(long Seq, string EventId, string EventType, string EventJson, string? At = null);

/// <summary>Where an append put the event: its sequence number, or for a repeated event id that of the first copy.</summary>
public sealed record Appended(long Seq, bool Duplicate);
