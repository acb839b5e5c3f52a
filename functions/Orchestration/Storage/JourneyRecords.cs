using Azure;
using Azure.Data.Tables;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// A journey's history of facts (its audit trail) and its latest state, in the journey's partition of the journeys
/// table: rows <c>h-{seq:D10}</c>, <c>state</c>, and <c>decided</c> (how far the inbox is decided, every effect done). A turn's history rows and the new state row are written in one
/// entity-group transaction under the state row's ETag, and the state row carries <see cref="JourneySnapshot.Version"/>
/// (the history's length): an activity run again, or an older turn arriving late, finds the version already there
/// and writes nothing.
/// </summary>
public sealed class JourneyRecords(TableClient table)
{
    private const string StateRow = "state", DecidedRow = "decided";
    internal const string HistoryPrefix = "h-";
    /// <summary>An entity-group transaction holds 100 operations; one is the state row.</summary>
    public const int MaxEntriesPerWrite = 99;

    /// <summary>
    /// Each journey's state row (version and cursor) as this process last wrote it, so the next turn's write needs no
    /// read first.
    /// </summary>
    private readonly LastWrites<(long Version, long Cursor)> _written = new();

    public TableClient Table => table;

    private async Task<(long Version, long Cursor, ETag ETag)?> ReadStateAsync(string pk, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, StateRow, cancellationToken: ct);
        return row.HasValue ? (row.Value!.GetInt64("Version") ?? 0, row.Value!.GetInt64("Cursor") ?? 0, row.Value!.ETag) : null;
    }

    public static string HistoryRow(long seq) => HistoryPrefix + seq.ToString("D10");

    /// <summary>
    /// Writes the turn if what is stored is still the turn it was decided from (<paramref name="from"/>: its version
    /// and cursor; nothing stored counts as that too), in one transaction under the state row's ETag. True if this call
    /// wrote it; false if another turn is stored (the same one, written before, or another decision: see
    /// <c>ApplyTurnActivity</c>). <paramref name="remindersJson"/> (the turn's reminder commands) is kept with it, so
    /// that whoever finds this turn stored can still queue exactly its reminders.
    /// </summary>
    public async Task<bool> WriteAsync(JourneySnapshot snapshot, IReadOnlyList<HistoryEntry> entries, (long Version, long Cursor) from,
        CancellationToken ct, string remindersJson = "[]")
    {
        if (entries.Count > MaxEntriesPerWrite) throw new ArgumentException($"at most {MaxEntriesPerWrite} history entries per write", nameof(entries));
        var pk = TableKeys.Escape(snapshot.JourneyId);
        for (var attempt = 1; ; attempt++)
        {
            // The state row as this process wrote it last, if that is the turn this one was decided from: no read.
            var remembered = _written.TryTake(pk, out var w, out var wETag) && w == from;
            (long Version, long Cursor, ETag ETag)? current = remembered ? (w.Version, w.Cursor, wETag) : await ReadStateAsync(pk, ct);
            if (current is { } c0 && (c0.Version, c0.Cursor) != from) return false;
            var actions = new List<TableTransactionAction>(entries.Count + 1);
            foreach (var e in entries) actions.Add(new(TableTransactionActionType.UpsertReplace, Row(pk, e)));
            var state = new TableEntity(pk, StateRow)
            {
                ["Version"] = snapshot.Version, ["Ended"] = snapshot.Ended, ["Cursor"] = snapshot.Cursor, ["NextTimerAt"] = snapshot.NextTimerAt,
                ["Held"] = snapshot.Held,
            };
            Chunks.Put(state, "State", snapshot.StateJson);
            Chunks.Put(state, "Reminders", remindersJson);
            actions.Add(current is { } c
                ? new(TableTransactionActionType.UpdateReplace, state, c.ETag)
                : new(TableTransactionActionType.Add, state));
            try
            {
                var answers = await table.SubmitTransactionAsync(actions, ct);
                _written.Remember(pk, (snapshot.Version, snapshot.Cursor), answers, actions.Count);
                return true;
            }
            catch (TableTransactionFailedException) when (attempt < 10)
            {
                // A concurrent copy wrote first, or the remembered row was stale: look again (a stale one is no attempt).
                if (remembered) attempt--;
            }
            catch (RequestFailedException e) when (e.Status == 404 && attempt < 10) { await table.CreateIfNotExistsAsync(ct); }
        }
    }

    /// <summary>History rows ahead of their state row (a turn longer than one transaction); same keys, same content on a re-run.</summary>
    public async Task WriteEntriesAsync(string journeyId, IReadOnlyList<HistoryEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        var pk = TableKeys.Escape(journeyId);
        await table.SubmitTransactionAsync(entries.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Row(pk, e))).ToList(), ct);
    }

    /// <summary>
    /// Marks the inbox decided up to <paramref name="cursor"/>, once everything the turn decided is done (its record and
    /// its reminders): what a client waits on before it answers. Only ever moves forward.
    /// </summary>
    public async Task MarkDecidedAsync(string journeyId, long cursor, CancellationToken ct)
    {
        var pk = TableKeys.Escape(journeyId);
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(pk, DecidedRow, cancellationToken: ct);
            if (current.HasValue && (current.Value!.GetInt64("Cursor") ?? 0) >= cursor) return;
            var row = new TableEntity(pk, DecidedRow) { ["Cursor"] = cursor };
            try
            {
                if (current.HasValue) await table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, ct);
                else await table.AddEntityAsync(row, ct);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 10) { /* a concurrent copy: look again */ }
        }
    }

    /// <summary>How far the journey's inbox is decided, with everything that followed from it done (0: nothing yet).</summary>
    public async Task<long> DecidedAsync(string journeyId, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(journeyId), DecidedRow, cancellationToken: ct);
        return row.HasValue ? row.Value!.GetInt64("Cursor") ?? 0 : 0;
    }

    public async Task<JourneySnapshot?> StateAsync(string journeyId, CancellationToken ct) => (await StoredTurnAsync(journeyId, ct))?.Snapshot;

    /// <summary>The last turn recorded: its snapshot and its reminder commands (a JSON array).</summary>
    public async Task<(JourneySnapshot Snapshot, string RemindersJson)?> StoredTurnAsync(string journeyId, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(journeyId), StateRow, cancellationToken: ct);
        if (!row.HasValue) return null;
        var r = row.Value!;
        return (new JourneySnapshot(journeyId, r.GetInt64("Version") ?? 0, Chunks.Get(r, "State") ?? "", r.GetBoolean("Ended") ?? false,
            r.GetInt64("Cursor") ?? 0, r.GetString("NextTimerAt"), r.GetBoolean("Held") ?? false), Chunks.Get(r, "Reminders") ?? "[]");
    }

    /// <summary>The journey's history in order.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(string journeyId, CancellationToken ct)
    {
        var pk = TableKeys.Escape(journeyId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey gt {HistoryPrefix} and RowKey lt {HistoryPrefix + "~"}");
        var list = new List<HistoryEntry>();
        await foreach (var r in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
            list.Add(new HistoryEntry(long.Parse(r.RowKey.AsSpan(HistoryPrefix.Length)), r.GetString("EventId") ?? "",
                r.GetString("EventType") ?? "", r.GetString("Source") ?? "", Chunks.Get(r, "Event") ?? "",
                Chunks.Get(r, "Facts") ?? "[]", r.GetString("RecordedAt") ?? ""));
        return list;
    }

    private static TableEntity Row(string pk, HistoryEntry e)
    {
        var row = new TableEntity(pk, HistoryRow(e.Seq))
        {
            ["EventId"] = e.EventId, ["EventType"] = e.EventType, ["Source"] = e.Source, ["RecordedAt"] = e.RecordedAt,
        };
        Chunks.Put(row, "Event", e.EventJson);
        Chunks.Put(row, "Facts", e.FactsJson);
        return row;
    }
}

/// <summary>
/// A journey's state as one turn left it. <paramref name="Version"/> is the length of its history: it only grows.
/// <paramref name="Cursor"/> is how far its inbox has been decided (a client waits on it to answer with the outcome);
/// <paramref name="NextTimerAt"/> the instant, in the journey's time, it next acts on its own (ISO-8601; null: never),
/// which lets a sweep find journeys whose deadline has passed by the product's clock (see <c>JourneyClock</c>).
/// </summary>
public sealed record JourneySnapshot(string JourneyId, long Version, string StateJson, bool Ended, long Cursor = 0, string? NextTimerAt = null, bool Held = false)
{
    /// <summary>Tells two decisions of one turn apart (a crash can let a turn be decided twice: see <c>ApplyTurnActivity</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Fingerprint => $"{Version}/{Cursor}/{Held}/{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(StateJson)))[..16]}";

}

/// <summary>
/// One entry of a journey's history: the event (from the inbox, or a timer), the facts it produced as JSON, and when
/// it was decided (ISO-8601, the orchestration's clock). <paramref name="Source"/> is "inbox" or "timer".
/// </summary>
public sealed record HistoryEntry(long Seq, string EventId, string EventType, string Source, string EventJson, string FactsJson, string RecordedAt);
