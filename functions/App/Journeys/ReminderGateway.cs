using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using ShortSentences.App.Api;
using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.App.Journeys;

/// <summary>
/// Sends one message of the reminders queue (as the outbox wrote it: <c>{"idempotencyKey", "command"}</c>) through the
/// staff reminder delivery (GOV.UK Notify, or the local sink). A key recorded as sent is never sent again, so the
/// queue's at-least-once delivery sends each reminder once. Transient failures go back to the queue for a retry.
/// The delivery is resolved at the first reminder, so a misconfigured Notify key fails reminders (retried, then
/// poisoned, each logged) but never the API. The keys sent are rows of <see cref="SentTable"/> (PartitionKey the
/// escaped key, RowKey "sent").
/// </summary>
public sealed class ReminderGateway(TableClient sentKeys, Lazy<ReminderDelivery> delivery, TimeProvider clock)
{
    public const string SentTable = "reminderssent";
    public const string SentRow = "sent";

    public async Task EnsureAsync(CancellationToken ct) => await sentKeys.CreateIfNotExistsAsync(ct);

    public async Task<ReminderOutcome> SendAsync(string message, CancellationToken ct)
    {
        ReminderCommand command;
        try
        {
            command = ReminderCommandText.FromMessage(message);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or ArgumentException
                                      or InvalidOperationException or NodaTime.Text.UnparsableValueException)
        {
            // Left for the poison queue (Azure) or the local runner's poison queue, where someone can read it.
            return new ReminderOutcome(false, true, "not a reminder command");
        }
        var pk = TableKey.Escape(command.IdempotencyKey);
        if ((await sentKeys.GetEntityIfExistsAsync<TableEntity>(pk, SentRow, cancellationToken: ct)).HasValue)
            return new ReminderOutcome(false, false, $"{command.IdempotencyKey}: already sent");

        ReminderDelivery channel;
        try { channel = delivery.Value; }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            return new ReminderOutcome(false, true, $"{command.IdempotencyKey}: the reminder channel is not configured ({e.Message})");
        }
        var record = await channel.DeliverAsync(command, ct);
        if (record.Status is DeliveryStatus.FailedWillRetry or DeliveryStatus.Sending)
            return new ReminderOutcome(false, true, $"{command.IdempotencyKey}: {record.Status} ({record.Failure?.Error})");
        try
        {
            await sentKeys.AddEntityAsync(new TableEntity(pk, SentRow)
            {
                ["IdempotencyKey"] = command.IdempotencyKey,
                ["Delivery"] = record.Status.ToString(),
                ["SentTicks"] = Instant.FromDateTimeOffset(clock.GetUtcNow()).ToUnixTimeTicks(),
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == 409) { /* a redelivered copy recorded it first */ }
        var sent = record.Status is DeliveryStatus.Sent or DeliveryStatus.WaitingForDigest or DeliveryStatus.SentInDigest;
        return new ReminderOutcome(sent, false, $"{command.IdempotencyKey}: {record.Status}");
    }
}
