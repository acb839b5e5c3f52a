using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;
using NodaTime.Text;

namespace ShortSentences.Orchestration.Tests.Faults;

/// <summary>
/// What the fault host left in storage, read from the test process with the product's own readers: each journey's
/// inbox, history, state and index row, compared with a reference run; and the reminders queue.
/// </summary>
public sealed class StoredJourneys(string connectionString, JourneyStoreOptions store)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TableClient _journeys = new TableServiceClient(connectionString).GetTableClient(store.JourneysTable);
    private readonly JourneyIndexTable _index = new(new TableServiceClient(connectionString).GetTableClient(store.IndexTable));
    // Read as the engine writes them (base64, as the Functions queue trigger reads them).
    private readonly QueueClient _reminders = StorageClients.From(connectionString).Queues.GetQueueClient(store.RemindersQueue);

    /// <summary>
    /// Null and the reference run when the journey's inbox holds its events in order and its history, state and index
    /// row are the reference's; otherwise what differs first (the journey may still be taking its events). With
    /// <paramref name="probed"/>, the journey's probe has been sent after its other events.
    /// </summary>
    public async Task<(string? Mismatch, ReferenceRun? Run)> CompareAsync(IDecider<JourneyState, JourneyEvent, JourneyFact> decider, ScriptedJourney j, bool probed)
    {
        var id = j.JourneyId;
        var inbox = await new JourneyInbox(_journeys).ReadAsync(id, 0, 1000, None);
        IReadOnlyList<JourneyEvent> events = probed ? [.. j.Unique, j.Probe] : j.Unique;
        for (var k = 0; k < Math.Max(inbox.Count, events.Count); k++)
            if (k >= inbox.Count || k >= events.Count || inbox[k].EventId != events[k].EventId || inbox[k].EventJson != Json(events[k]))
                return ($"{id}: inbox item {k + 1} is {(k < inbox.Count ? inbox[k].EventId : "missing")}, sent {(k < events.Count ? events[k].EventId : "nothing")}", null);

        var records = new JourneyRecords(_journeys);
        var recorded = await records.HistoryAsync(id, None);
        var run = ReferenceRun.Of(decider, id, FaultScript.FrozenAt, events, recorded);
        for (var k = 0; k < Math.Max(recorded.Count, run.History.Count); k++)
        {
            var got = k < recorded.Count ? ReferenceEntry.Of(recorded[k]) : null;
            var want = k < run.History.Count ? run.History[k] : null;
            if (got != want) return ($"{id}: history entry {k + 1} is {Show(got)}, the reference's {Show(want)}", null);
        }
        var snapshot = await records.StateAsync(id, None);
        if (snapshot is null || snapshot.Version != run.History.Count || snapshot.Ended != decider.IsEnded(run.State))
            return ($"{id}: state row at version {snapshot?.Version}, ended {snapshot?.Ended}; the reference's {run.History.Count}", null);
        if (snapshot.StateJson != JsonSerializer.Serialize(run.State, JourneyJson.Options))
            return ($"{id}: recorded state {snapshot.StateJson}\n differs from the reference's {JsonSerializer.Serialize(run.State, JourneyJson.Options)}", null);

        var s = run.State;
        var indexed = (await _index.ForCrnAsync(s.Crn, None)).SingleOrDefault(r => r.JourneyId == id);
        var nextDue = s.Deadlines.Length == 0 ? JourneyIndexTable.NoDeadline : LocalDatePattern.Iso.Format(s.Deadlines.Min(d => d.DueDate));
        var row = new IndexedJourney(id, run.History.Count, s.Crn, s.Noms ?? "", s.Stage.ToString(), s.Com ?? "", s.Person?.Pdu ?? "", nextDue);
        if (indexed != row) return ($"{id}: index row {indexed}, the reference's {row}", null);
        if (s.Noms is { Length: > 0 } noms && !(await _index.JourneyIdsForNomsAsync(noms, None)).Contains(id))
            return ($"{id}: no pointer from NOMS {noms}", null);
        return (null, run);
    }

    /// <summary>
    /// Takes every message off the reminders queue (key and command) until <paramref name="keys"/> different keys
    /// have come, and then until the queue is empty; fails after a minute without a new key.
    /// </summary>
    public async Task<List<(string Key, JsonNode Command)>> DrainRemindersAsync(int keys)
    {
        var taken = new List<(string Key, JsonNode Command)>();
        var distinct = new HashSet<string>();
        var idle = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var batch = (await _reminders.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(30))).Value;
            foreach (var m in batch)
            {
                var message = JsonNode.Parse(m.Body.ToString())!;
                var key = message["idempotencyKey"]!.GetValue<string>();
                taken.Add((key, message["command"]!));
                if (distinct.Add(key)) idle.Restart();
            }
            if (batch.Length == 0 && distinct.Count >= keys) return taken;
            if (idle.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"{distinct.Count} of {keys} reminders were queued, and no more came for a minute");
            if (batch.Length == 0) await Task.Delay(500);
        }
    }

    private static string Json(JourneyEvent e) => JsonSerializer.Serialize(e, JourneyJson.Options);

    private static string Show(ReferenceEntry? e) => e is null ? "missing" : $"{e.Source} {e.EventId} ({e.EventType}) -> {e.FactsJson}";
}
