using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.App.Journeys;

/// <summary>One suspend, resume or terminate request, with who asked and why, as recorded beside the history.</summary>
public sealed record ControlRecord(string EventId, string Action, string Reason, string RecordedAt, string Outcome, string? By = null);

/// <summary>
/// The audit of management actions on a journey. The journey's own history records what each action did (the event
/// and its facts); this log keeps the reason given for every action in one place, including refused ones.
/// </summary>
public sealed class ControlLog(TableClient table)
{
    public async Task EnsureAsync(CancellationToken ct) => await table.CreateIfNotExistsAsync(ct);

    public async Task AddAsync(string journeyId, ControlRecord record, CancellationToken ct) =>
        await table.UpsertEntityAsync(new TableEntity(journeyId, record.EventId)
        {
            ["Action"] = record.Action,
            ["Reason"] = record.Reason,
            ["RecordedAt"] = record.RecordedAt,
            ["Outcome"] = record.Outcome,
            ["By"] = record.By ?? "",
        }, TableUpdateMode.Replace, ct);

    public async Task<IReadOnlyList<ControlRecord>> ForAsync(string journeyId, CancellationToken ct)
    {
        var list = new List<ControlRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {journeyId}"), cancellationToken: ct))
            list.Add(new ControlRecord(row.RowKey, row.GetString("Action") ?? "", row.GetString("Reason") ?? "",
                row.GetString("RecordedAt") ?? "", row.GetString("Outcome") ?? "",
                row.GetString("By") is { Length: > 0 } by ? by : null));
        return list.OrderBy(r => r.RecordedAt, StringComparer.Ordinal).ToList();
    }

    public static string Now(Instant now) => InstantPattern.ExtendedIso.Format(now);
}
