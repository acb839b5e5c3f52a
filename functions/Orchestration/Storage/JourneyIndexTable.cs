using Azure;
using Azure.Data.Tables;
using NodaTime.Text;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// The journeys' read index: one row per journey in its person's partition (<c>crn-{CRN}</c>, row key the journey id)
/// with the fields caseloads are filtered by, and one pointer row per NOMS number (<c>noms-{NOMS}</c>) so prison
/// events find their journeys. Rows are written under ETag and only by a newer version, so a repeated or late
/// projection never puts an older view back.
/// </summary>
public sealed class JourneyIndexTable(TableClient table) : IJourneyProjection
{
    public const string NoDeadline = "9999-12-31";

    public TableClient Table => table;

    public async Task ProjectAsync(JourneySnapshot snapshot, JourneyState state, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(state.Crn)) return; // not started: nothing to show or find yet
        var pk = CrnKey(state.Crn);
        var rk = TableKeys.Escape(snapshot.JourneyId);
        var row = new TableEntity(pk, rk)
        {
            ["Kind"] = "journey",
            ["JourneyId"] = snapshot.JourneyId,
            ["Version"] = snapshot.Version,
            ["Crn"] = state.Crn,
            ["Noms"] = state.Noms ?? "",
            ["Stage"] = state.Stage.ToString(),
            ["Com"] = state.Com ?? "",
            ["Pdu"] = state.Person?.Pdu ?? "",
            ["NextDue"] = state.Deadlines.Length == 0 ? NoDeadline : LocalDatePattern.Iso.Format(state.Deadlines.Min(d => d.DueDate)),
        };
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct);
            if (current.HasValue && (current.Value!.GetInt64("Version") ?? 0) >= snapshot.Version) break;
            try
            {
                if (current.HasValue) await table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, ct);
                else await table.AddEntityAsync(row, ct);
                break;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 10) { /* a concurrent copy: look again */ }
        }
        if (state.Noms is { Length: > 0 } noms)
            await table.UpsertEntityAsync(new TableEntity(NomsKey(noms), rk) { ["Kind"] = "noms", ["JourneyId"] = snapshot.JourneyId, ["Crn"] = state.Crn }, TableUpdateMode.Replace, ct);
    }

    /// <summary>The person's journeys as indexed.</summary>
    public async Task<IReadOnlyList<IndexedJourney>> ForCrnAsync(string crn, CancellationToken ct)
    {
        var list = new List<IndexedJourney>();
        await foreach (var r in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CrnKey(crn)}"), cancellationToken: ct))
            list.Add(Read(r));
        return list;
    }

    /// <summary>Ids of the journeys of the person with this NOMS number.</summary>
    public async Task<IReadOnlyList<string>> JourneyIdsForNomsAsync(string noms, CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var r in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {NomsKey(noms)}"), cancellationToken: ct))
            ids.Add(r.GetString("JourneyId") ?? "");
        return ids;
    }

    /// <summary>Journeys in a stage (a staff caseload filter); every value is quoted by the SDK.</summary>
    public async Task<IReadOnlyList<IndexedJourney>> InStageAsync(string stage, CancellationToken ct)
    {
        var list = new List<IndexedJourney>();
        await foreach (var r in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Kind eq {"journey"} and Stage eq {stage}"), cancellationToken: ct))
            list.Add(Read(r));
        return list;
    }

    private static IndexedJourney Read(TableEntity r) => new(r.GetString("JourneyId") ?? "", r.GetInt64("Version") ?? 0,
        r.GetString("Crn") ?? "", r.GetString("Noms") ?? "", r.GetString("Stage") ?? "", r.GetString("Com") ?? "",
        r.GetString("Pdu") ?? "", r.GetString("NextDue") ?? NoDeadline);

    private static string CrnKey(string crn) => "crn-" + TableKeys.Escape(crn.Trim().ToUpperInvariant());
    private static string NomsKey(string noms) => "noms-" + TableKeys.Escape(noms.Trim().ToUpperInvariant());
}

/// <summary>A journey as the index shows it.</summary>
public sealed record IndexedJourney(string JourneyId, long Version, string Crn, string Noms, string Stage, string Com, string Pdu, string NextDue);
