using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime;

/// <summary>An entry of the due-deadline index: a timer of a journey that falls due at <see cref="DueAt"/>.</summary>
public sealed record DueEntry(string Bucket, string RowKey, string JourneyId, string TimerId, Instant DueAt, Instant WrittenAt);

/// <summary>
/// The due-deadline index: one partition per minute ("yyyyMMddHHmm"), rows ordered by due instant, so the timer step
/// reads only the minutes up to now instead of every journey. A cursor row remembers the oldest minute that may still
/// hold entries. Entries are written before the journey step commits and may be stale (the step failed, or the timer
/// was later cancelled or moved); the timer step checks each against the journey's own open timers.
/// Timers already due are filed under the current minute, so no entry is ever written into a minute the cursor has
/// passed: the cursor moves past a minute only when it is empty and more than <see cref="CursorLag"/> old, which
/// assumes workers' clocks agree within that margin.
/// </summary>
public sealed class DueIndex(IRuntimeTables tables, RuntimeOptions options, TimeProvider clock)
{
    public static readonly Duration CursorLag = Duration.FromMinutes(2);

    /// <summary>
    /// An entry is written before its step commits, so a timer step can meet it before the journey shows the timer.
    /// It is judged stale (and deleted) only once it is older than this, by which time the step that wrote it has
    /// committed or failed (each attempt writes the entry again). Assumes no step stalls this long mid-commit.
    /// </summary>
    public static readonly Duration StaleAfter = Duration.FromMinutes(1);
    private const string CursorKey = "cursor";
    private const int MaxBucketsPerScan = 600;
    private volatile bool _cursorSeen;

    public async Task Add(string journeyId, JourneyTimer timer, CancellationToken ct)
    {
        var now = Now();
        if (!_cursorSeen)
        {
            try
            {
                await tables.Submit(options.DueTable, [TableOperation.Insert(new StoredEntity(CursorKey, CursorKey,
                    new Dictionary<string, object?> { ["Bucket"] = JourneyKeys.DueBucket(now - CursorLag) }))], ct);
            }
            catch (TableConcurrencyException) { /* it exists: someone started the index before us */ }
            _cursorSeen = true;
        }
        var bucket = JourneyKeys.DueBucket(timer.DueAt > now ? timer.DueAt : now);
        await tables.Submit(options.DueTable, [TableOperation.Upsert(new StoredEntity(bucket,
            JourneyKeys.DueRow(timer.DueAt, journeyId, timer.Id), new Dictionary<string, object?>
            {
                ["JourneyId"] = journeyId,
                ["TimerId"] = timer.Id,
                ["DueTicks"] = timer.DueAt.ToUnixTimeTicks(),
                ["WrittenTicks"] = now.ToUnixTimeTicks(),
            }))], ct);
    }

    /// <summary>Entries due by now, oldest first; moves the cursor past old empty minutes.</summary>
    public async Task<IReadOnlyList<DueEntry>> DueNow(CancellationToken ct)
    {
        var now = Now();
        var cursor = await tables.Get(options.DueTable, CursorKey, CursorKey, ct);
        if (cursor is null) return [];
        var start = cursor.String("Bucket")!;
        var last = JourneyKeys.DueBucket(now);
        var safe = JourneyKeys.DueBucket(now - CursorLag);
        var due = new List<DueEntry>();
        var newCursor = start;
        var scanned = 0;
        for (var b = start; string.CompareOrdinal(b, last) <= 0 && scanned < MaxBucketsPerScan; b = JourneyKeys.NextBucket(b), scanned++)
        {
            var rows = await tables.QueryRange(options.DueTable, b, "", JourneyKeys.DueRowUpTo(now), ct);
            due.AddRange(rows.Select(r => new DueEntry(b, r.RowKey, r.String("JourneyId")!, r.String("TimerId")!,
                Instant.FromUnixTimeTicks(r.Long("DueTicks")), Instant.FromUnixTimeTicks(r.Long("WrittenTicks")))));
            if (rows.Count == 0 && newCursor == b && string.CompareOrdinal(b, safe) < 0) newCursor = JourneyKeys.NextBucket(b);
        }
        if (newCursor != start)
        {
            try
            {
                await tables.Submit(options.DueTable, [TableOperation.Replace(new StoredEntity(CursorKey, CursorKey,
                    new Dictionary<string, object?> { ["Bucket"] = newCursor }), cursor.ETag!)], ct);
            }
            catch (TableConcurrencyException) { /* another timer step moved it */ }
        }
        return due.OrderBy(e => e.DueAt).ToList();
    }

    /// <summary>True when an entry that matches no open timer may be deleted (see <see cref="StaleAfter"/>).</summary>
    public bool SettledStale(DueEntry entry) => Now() - entry.WrittenAt >= StaleAfter;

    public async Task Remove(DueEntry entry, CancellationToken ct)
    {
        try { await tables.Submit(options.DueTable, [TableOperation.Delete(entry.Bucket, entry.RowKey)], ct); }
        catch (TableNotFoundException) { /* another timer step removed it */ }
    }

    /// <summary>Every entry still in the index (tests and tools).</summary>
    public async Task<int> CountFrom(string bucket, CancellationToken ct)
    {
        var count = 0;
        var last = JourneyKeys.DueBucket(Now() + Duration.FromDays(1));
        for (var b = bucket; string.CompareOrdinal(b, last) <= 0; b = JourneyKeys.NextBucket(b))
            count += (await tables.QueryRange(options.DueTable, b, "", "~", ct)).Count;
        return count;
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
