using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Runtime;
using ShortSentences.Runtime.Storage;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The delivery log in a table, so that a claim outlives the worker that made it: two workers (or a redelivered
/// message) racing on one key send once, and a "Sending" claim left by a crashed worker is still there after a restart
/// for <see cref="ReminderDelivery"/> to check with Notify before sending again. Same semantics as
/// <see cref="InMemoryDeliveryLog"/>: the claim is an insert-if-absent, a reclaim a replace guarded by the ETag read.
/// One row per reminder (PartitionKey = escaped key, RowKey "delivery"); one per digest (RowKey "digest").
/// </summary>
public sealed class TableDeliveryLog(IRuntimeTables tables, string table) : IDeliveryLog
{
    public const string TableName = "reminderdeliveries";
    private const string DeliveryRow = "delivery";
    private const string DigestRow = "digest";
    private const string RecordProperty = "Record";
    private volatile bool ensured;

    /// <summary>The log's table beside the runtime's own (same prefix, so tests and benchmarks can share an account).</summary>
    public TableDeliveryLog(IRuntimeTables tables, RuntimeOptions options)
        : this(tables, options.Prefix.ToLowerInvariant() + TableName) { }

    public string Table => table;

    public async Task<Claim> TryClaimAsync(DeliveryRecord sending, Instant staleBefore, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var pk = JourneyKeys.Escape(sending.Key);
        var stored = await tables.Get(table, pk, DeliveryRow, cancellationToken);
        if (stored is null)
        {
            var claim = sending with { Attempts = 0 };
            try
            {
                await tables.Submit(table, [TableOperation.Insert(Row(claim))], cancellationToken);
                return new Claim(true, claim, null);
            }
            catch (TableConcurrencyException)
            {
                // Another worker inserted first: theirs is the claim.
                stored = await tables.Get(table, pk, DeliveryRow, cancellationToken)
                         ?? throw new InvalidOperationException($"delivery row for '{sending.Key}' vanished after a conflicting insert");
            }
        }

        var existing = Read(stored);
        if (!Claim.MayReclaim(existing, staleBefore))
            return new Claim(false, existing, existing.Status);
        var reclaim = sending with { Attempts = existing.Attempts };
        try
        {
            await tables.Submit(table, [TableOperation.Replace(Row(reclaim), stored.ETag!)], cancellationToken);
            return new Claim(true, reclaim, existing.Status);
        }
        catch (TableConcurrencyException)
        {
            // Someone reclaimed (or finished) it between our read and our replace: report what they stored.
            var now = await tables.Get(table, pk, DeliveryRow, cancellationToken);
            var current = now is null ? existing : Read(now);
            return new Claim(false, current, current.Status);
        }
    }

    public async Task SaveAsync(DeliveryRecord record, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        await tables.Submit(table, [TableOperation.Upsert(Row(record))], cancellationToken);
    }

    public async Task<bool> TryClaimDigestAsync(string digestReference, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        try
        {
            await tables.Submit(table, [TableOperation.Insert(new StoredEntity(JourneyKeys.Escape(digestReference), DigestRow,
                new Dictionary<string, object?> { ["DigestReference"] = digestReference }))], cancellationToken);
            return true;
        }
        catch (TableConcurrencyException) { return false; }
    }

    public async Task ReleaseDigestAsync(string digestReference, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        try { await tables.Submit(table, [TableOperation.Delete(JourneyKeys.Escape(digestReference), DigestRow)], cancellationToken); }
        catch (TableNotFoundException) { /* never claimed, or released already: nothing to give back */ }
    }

    /// <summary>A scan of every reminder row: for the staff pages, which show a bounded, local-sized log.</summary>
    public async Task<IReadOnlyList<DeliveryRecord>> AllAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        return (await tables.ScanRowKey(table, DeliveryRow, cancellationToken)).Select(Read).ToList();
    }

    /// <summary>Creates the table on first use, so every host that registers the log has it (idempotent).</summary>
    private async Task EnsureAsync(CancellationToken ct)
    {
        if (ensured) return;
        await tables.EnsureTable(table, ct);
        ensured = true;
    }

    private static StoredEntity Row(DeliveryRecord r) =>
        new(JourneyKeys.Escape(r.Key), DeliveryRow, new Dictionary<string, object?>
        {
            ["Status"] = r.Status.ToString(),
            [RecordProperty] = Write(r),
        });

    private static DeliveryRecord Read(StoredEntity row) =>
        ReadJson(row.String(RecordProperty) ?? throw new JsonException($"delivery row {row.PartitionKey} has no {RecordProperty}"));

    /// <summary>The record as JSON; the command in the runtime's own form (<see cref="ReminderCommandJson"/>).</summary>
    internal static string Write(DeliveryRecord r) => new JsonObject
    {
        ["command"] = JsonNode.Parse(ReminderCommandJson.Write(r.Command)),
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
            ReminderCommandJson.Read(o["command"]?.ToJsonString() ?? throw new JsonException("delivery record lacks 'command'")),
            Enum.Parse<DeliveryStatus>(S("status") ?? throw new JsonException("delivery record lacks 'status'")),
            InstantPattern.ExtendedIso.Parse(S("updatedAt") ?? "").GetValueOrThrow(),
            S("recipientEmail"), S("recipientName"), S("recipientStaffId"), S("channel"), S("notificationId"),
            o["attempts"]?.GetValue<int>() ?? 0, failure, S("digestReference"));
    }
}
