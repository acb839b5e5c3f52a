using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The delivery log in a table, so that a claim outlives the worker that made it: two workers (or a redelivered
/// message) racing on one key send once, and a "Sending" claim left by a crashed worker is still there after a restart
/// for <see cref="ReminderDelivery"/> to check with Notify before sending again. Same semantics as
/// <see cref="InMemoryDeliveryLog"/>: the claim is an insert-if-absent, a reclaim a replace guarded by the ETag read.
/// One row per reminder (PartitionKey = escaped key, RowKey "delivery"); one per digest (RowKey "digest").
/// </summary>
public sealed class TableDeliveryLog(TableClient table) : IDeliveryLog
{
    public const string TableName = "reminderdeliveries";
    private const string DeliveryRow = "delivery";
    private const string DigestRow = "digest";
    private const string RecordProperty = "Record";
    private volatile bool ensured;

    public TableClient Table => table;

    public async Task<Claim> TryClaimAsync(DeliveryRecord sending, Instant staleBefore, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var pk = TableKey.Escape(sending.Key);
        var stored = await GetAsync(pk, cancellationToken);
        if (stored is null)
        {
            var claim = sending with { Attempts = 0 };
            try
            {
                await table.AddEntityAsync(Row(claim), cancellationToken);
                return new Claim(true, claim, null);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another worker inserted first: theirs is the claim.
                stored = await GetAsync(pk, cancellationToken)
                         ?? throw new InvalidOperationException($"delivery row for '{sending.Key}' vanished after a conflicting insert");
            }
        }

        var existing = Read(stored);
        if (!Claim.MayReclaim(existing, staleBefore))
            return new Claim(false, existing, existing.Status);
        var reclaim = sending with { Attempts = existing.Attempts };
        try
        {
            await table.UpdateEntityAsync(Row(reclaim), stored.ETag, TableUpdateMode.Replace, cancellationToken);
            return new Claim(true, reclaim, existing.Status);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Someone reclaimed (or finished) it between our read and our replace: report what they stored.
            var now = await GetAsync(pk, cancellationToken);
            var current = now is null ? existing : Read(now);
            return new Claim(false, current, current.Status);
        }
    }

    public async Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        await table.UpsertEntityAsync(Row(record), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> TryClaimDigestAsync(string digestReference, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(TableKey.Escape(digestReference), DigestRow) { ["DigestReference"] = digestReference }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409) { return false; }
    }

    /// <summary>Gives the claim back; one never made, or released already, is nothing to give back (the SDK's delete answers 404 as done).</summary>
    public async Task ReleaseDigestAsync(string digestReference, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        await table.DeleteEntityAsync(TableKey.Escape(digestReference), DigestRow, ETag.All, cancellationToken);
    }

    /// <summary>A scan of every reminder row: for the staff pages, which show a bounded, local-sized log.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> AllAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var records = new List<DeliveryRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {DeliveryRow}"), cancellationToken: cancellationToken))
            records.Add(Read(row));
        return records;
    }

    /// <summary>Creates the table on first use, so every host that registers the log has it (idempotent).</summary>
    private async Task EnsureAsync(CancellationToken ct)
    {
        if (ensured) return;
        await table.CreateIfNotExistsAsync(ct);
        ensured = true;
    }

    private async Task<TableEntity?> GetAsync(string pk, CancellationToken ct)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(pk, DeliveryRow, cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private static TableEntity Row(DeliveryRecord r) => new(TableKey.Escape(r.Key), DeliveryRow)
    {
        ["Status"] = r.Status.ToString(),
        [RecordProperty] = Write(r),
    };

    private static DeliveryRecord Read(TableEntity row) =>
        ReadJson(row.GetString(RecordProperty) ?? throw new JsonException($"delivery row {row.PartitionKey} has no {RecordProperty}"));

    /// <summary>The record as JSON; the command as the reminders queue carries it (<see cref="ReminderCommandText"/>).</summary>
    internal static string Write(DeliveryRecord r) => new JsonObject
    {
        ["command"] = ReminderCommandText.Write(r.Command),
        ["status"] = r.Status.ToString(),
        ["updatedAt"] = InstantPattern.ExtendedIso.Format(r.UpdatedAt),
        ["recipientEmail"] = r.RecipientEmail,
        ["recipientName"] = r.RecipientName,
        ["recipientStaffId"] = r.RecipientStaffId,
        ["channel"] = r.Channel,
        ["notificationId"] = r.NotificationId,
        ["attempts"] = r.Attempts,
        ["failure"] = r.Failure is { } f
            ? new JsonObject { ["statusCode"] = f.StatusCode, ["error"] = f.Error, ["message"] = f.Message, ["permanent"] = f.Permanent }
            : null,
        ["digestReference"] = r.DigestReference,
    }.ToJsonString();

    internal static DeliveryRecord ReadJson(string json)
    {
        var o = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("a delivery record must be a JSON object");
        string? S(string name) => o[name]?.GetValue<string>();
        ChannelFailure? failure = o["failure"] is JsonObject f
            ? new ChannelFailure(f["statusCode"]?.GetValue<int>(), f["error"]?.GetValue<string>() ?? "",
                f["message"]?.GetValue<string>() ?? "", f["permanent"]?.GetValue<bool>() ?? false)
            : null;
        return new DeliveryRecord(
            ReminderCommandText.Read(o["command"]?.ToJsonString() ?? throw new JsonException("delivery record lacks 'command'")),
            Enum.Parse<DeliveryStatus>(S("status") ?? throw new JsonException("delivery record lacks 'status'")),
            InstantPattern.ExtendedIso.Parse(S("updatedAt") ?? "").GetValueOrThrow(),
            S("recipientEmail"), S("recipientName"), S("recipientStaffId"), S("channel"), S("notificationId"),
            o["attempts"]?.GetValue<int>() ?? 0, failure, S("digestReference"));
    }
}
