using System.Text.Json;
using NodaTime;
using ShortSentences.Runtime.Reminders;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime.Workers;

/// <summary>
/// Consumes the reminders queue and hands each command to the sink. A key recorded as sent is never handed over again;
/// a worker killed after the sink sent and before the record is written hands it over once more, and the sink, being
/// idempotent by key (see <see cref="IReminderSink"/>), does not send it twice.
/// </summary>
public sealed class ReminderSender(IRuntimeTables tables, IRuntimeQueues queues, IReminderSink sink, RuntimeOptions options,
    TimeProvider clock)
{
    private const string SentRow = "sent";

    public async Task<int> PollOnce(CancellationToken ct)
    {
        var messages = await queues.Receive(options.RemindersQueue, 32, options.Visibility, ct);
        foreach (var m in messages) await Handle(m, ct);
        return messages.Count;
    }

    public async Task Handle(ReceivedMessage message, CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        Journeys.Durable.ReminderCommand command;
        try
        {
            using var doc = JsonDocument.Parse(message.Text);
            command = ReminderCommandJson.Read(doc.RootElement.GetProperty("command").GetRawText());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentException
                                      or InvalidOperationException or NodaTime.Text.UnparsableValueException)
        {
            await DeadLetter.Move(queues, options.RemindersQueue, options.RemindersDeadQueue, message,
                $"not a reminder command: {e.Message}", now, ct);
            return;
        }
        var pk = JourneyKeys.Escape(command.IdempotencyKey);
        if (await tables.Get(options.RemindersSentTable, pk, SentRow, ct) is null)
        {
            // Checked only for reminders not yet sent: a copy of a sent reminder that went round many times (workers
            // killed while holding it) has nothing left to do, and is no dead letter for anyone to look at.
            if (message.DequeueCount > options.MaxDeliveries)
            {
                await DeadLetter.Move(queues, options.RemindersQueue, options.RemindersDeadQueue, message,
                    $"gave up: delivered {message.DequeueCount} times without completing", now, ct);
                return;
            }
            var delivery = await sink.Send(command, ct);
            try
            {
                await tables.Submit(options.RemindersSentTable, [TableOperation.Insert(new StoredEntity(pk, SentRow,
                    new Dictionary<string, object?>
                    {
                        ["IdempotencyKey"] = command.IdempotencyKey,
                        ["Delivery"] = delivery.ToString(),
                        ["SentTicks"] = now.ToUnixTimeTicks(),
                    }))], ct);
            }
            catch (TableConcurrencyException) { /* recorded by a concurrent sender of a redelivered copy */ }
        }
        await queues.Delete(options.RemindersQueue, message, ct);
    }
}
