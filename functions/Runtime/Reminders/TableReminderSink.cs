using NodaTime.Text;
using ShortSentences.Journeys.Durable;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime.Reminders;

/// <summary>
/// The local and test sink: "sending" a reminder stores it, one row per idempotency key (an insert, so a second send
/// of the same key is refused by the store itself). It is what local mode shows as the outgoing mail.
/// </summary>
public sealed class TableReminderSink(IRuntimeTables tables, RuntimeOptions options, TimeProvider clock) : IReminderSink
{
    private const string Row = "message";

    public Task EnsureTable(CancellationToken ct) => tables.EnsureTable(options.LocalSinkTable, ct);

    public async Task<ReminderDelivery> Send(ReminderCommand command, CancellationToken ct)
    {
        try
        {
            await tables.Submit(options.LocalSinkTable, [TableOperation.Insert(new StoredEntity(
                JourneyKeys.Escape(command.IdempotencyKey), Row, new Dictionary<string, object?>
                {
                    ["IdempotencyKey"] = command.IdempotencyKey,
                    ["Recipient"] = command.Recipient,
                    ["Command"] = ReminderCommandJson.Write(command),
                    ["SentAt"] = InstantPattern.ExtendedIso.Format(NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow())),
                }))], ct);
            return ReminderDelivery.Sent;
        }
        catch (TableConcurrencyException)
        {
            return ReminderDelivery.AlreadySent;
        }
    }

    /// <summary>Every reminder sent so far (a scan: tests and local tools).</summary>
    public async Task<IReadOnlyList<ReminderCommand>> Sent(CancellationToken ct) =>
        (await tables.ScanRowKey(options.LocalSinkTable, Row, ct))
        .Select(r => ReminderCommandJson.Read(r.String("Command")!)).ToList();
}
