using System.Text.Json.Nodes;
using NodaTime;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime.Workers;

/// <summary>
/// Drains journeys' outboxes into the reminders queue: enqueue, then delete the outbox row. A worker dying in between
/// enqueues the command again later, which is why every message carries its idempotency key and the sender and sink
/// de-duplicate by it. Steps dispatch their own journey at once; <see cref="Sweep"/> catches what a crash left behind.
/// </summary>
public sealed class OutboxDispatcher(IRuntimeTables tables, IRuntimeQueues queues, RuntimeOptions options, TimeProvider clock)
{
    private readonly OutboxPending _pending = new(tables, options, clock);

    /// <summary>Outbox marks younger than this are left to the step that made them (it dispatches inline).</summary>
    public static readonly Duration SweepAfter = Duration.FromSeconds(3);

    public static string Message(string key, string commandJson) =>
        new JsonObject { ["idempotencyKey"] = key, ["command"] = JsonNode.Parse(commandJson) }.ToJsonString();

    public async Task<int> DispatchJourney(string journeyId, CancellationToken ct)
    {
        var pk = JourneyKeys.Escape(journeyId);
        var rows = await tables.QueryRange(options.JourneysTable, pk, JourneyKeys.OutboxFrom, JourneyKeys.OutboxTo, ct);
        foreach (var row in rows)
        {
            var json = row.String("Command")!;
            var command = ReminderCommandJson.Read(json);
            await queues.Send(options.RemindersQueue, Message(command.IdempotencyKey, json), ct);
            try { await tables.Submit(options.JourneysTable, [TableOperation.Delete(pk, row.RowKey, row.ETag ?? "*")], ct); }
            catch (TableNotFoundException) { /* another dispatcher got there too; the key de-duplicates */ }
            catch (TableConcurrencyException) { /* re-written by a newer step: dispatched again next time */ }
        }
        return rows.Count;
    }

    /// <summary>Best effort after a step: a failure here is left to the sweep.</summary>
    public async Task TryDispatchJourney(string journeyId, CancellationToken ct)
    {
        try { await DispatchJourney(journeyId, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { }
    }

    /// <summary>Dispatches every marked journey whose mark has settled; returns commands moved.</summary>
    public async Task<int> Sweep(CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var moved = 0;
        foreach (var mark in await _pending.List(ct))
        {
            if (now - mark.MarkedAt < SweepAfter) continue;
            moved += await DispatchJourney(mark.JourneyId, ct);
            await _pending.ClearIfSettled(mark, ct);
        }
        return moved;
    }
}
