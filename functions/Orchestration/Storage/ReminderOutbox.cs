using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Json;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// Hands reminder commands to the delivery: one message per command on the reminders queue, shaped as the delivery
/// reads it (<c>{"idempotencyKey", "command"}</c>), and a row <c>r-{key}</c> in the journey's partition once it is
/// queued. Sending again skips a key already marked; a crash between the enqueue and the mark queues the key twice,
/// and the delivery, which sends each key once (its sent-keys record), drops the copy.
/// </summary>
public sealed class ReminderOutbox(TableClient journeys, QueueClient queue)
{
    internal const string QueuedPrefix = "r-";

    public QueueClient Queue => queue;

    /// <summary>Queues each command not queued before; returns how many this call queued.</summary>
    public async Task<int> QueueAsync(IReadOnlyList<ReminderCommand> commands, CancellationToken ct)
    {
        var queued = 0;
        foreach (var c in commands)
        {
            var pk = TableKeys.Escape(c.JourneyId);
            var rk = QueuedPrefix + TableKeys.Escape(c.IdempotencyKey);
            if ((await journeys.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct)).HasValue) continue;
            await queue.SendMessageAsync(Message(c), ct);
            await journeys.UpsertEntityAsync(new TableEntity(pk, rk) { ["IdempotencyKey"] = c.IdempotencyKey }, TableUpdateMode.Replace, ct);
            queued++;
        }
        return queued;
    }

    /// <summary>The queue message: the command in the journeys' JSON (camelCase, enums by name, ISO dates).</summary>
    public static string Message(ReminderCommand c) => new JsonObject
    {
        ["idempotencyKey"] = c.IdempotencyKey,
        ["command"] = JsonSerializer.SerializeToNode(c, JourneyJson.Options),
    }.ToJsonString();
}
