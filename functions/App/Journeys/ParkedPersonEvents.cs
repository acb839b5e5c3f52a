using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ShortSentences.App.Events;

namespace ShortSentences.App.Journeys;

/// <summary>
/// Domain events that arrived before their person had a journey (DOMAIN.md section 4: events come "before the sentence
/// they belong to"). Each is kept under every identifier it carries ("CRN-X777519", "NOMS-A8513EA"), row key its
/// content-derived event id, until a journey starts for that person and the events are applied to it. The event is
/// kept as parsed, so the one mapping (<see cref="DomainEventMapping"/>) decides what it means when it is applied.
/// </summary>
public sealed class ParkedPersonEvents(TableClient table)
{
    public const string TableName = "parkedpersonevents";
    private const int InfoPart = 30_000;

    public async Task EnsureAsync(CancellationToken ct) => await table.CreateIfNotExistsAsync(ct);

    /// <summary>Keeps the event under each of its identifiers; the same event again changes nothing. False if it names no one.</summary>
    public async Task<bool> ParkAsync(DomainEvent e, CancellationToken ct)
    {
        var keys = Keys(e.Crn, e.Noms);
        foreach (var key in keys)
        {
            try { await table.AddEntityAsync(Row(key, e), ct); }
            catch (RequestFailedException x) when (x.Status == 409) { } // already parked: a repeat of the same event
        }
        return keys.Count > 0;
    }

    /// <summary>The events parked for a person, each once even when kept under both numbers, oldest first.</summary>
    public async Task<IReadOnlyList<DomainEvent>> ForPersonAsync(string crn, string? noms, CancellationToken ct)
    {
        var byId = new Dictionary<string, DomainEvent>(StringComparer.Ordinal);
        foreach (var key in Keys(crn, noms))
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {key}"), cancellationToken: ct))
                if (Read(row) is { } e) byId.TryAdd(e.EventId, e);
        return byId.Values.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Forgets an applied event under all its identifiers (rows already gone are fine).</summary>
    public async Task RemoveAsync(DomainEvent e, CancellationToken ct)
    {
        // The SDK's delete answers a missing row as done (404 is not an error for it).
        foreach (var key in Keys(e.Crn, e.Noms)) await table.DeleteEntityAsync(key, TableKey.Escape(e.EventId), ETag.All, ct);
    }

    private static List<string> Keys(string? crn, string? noms)
    {
        var keys = new List<string>(2);
        if (crn is not null) keys.Add(TableKey.Escape("CRN-" + crn));
        if (noms is not null) keys.Add(TableKey.Escape("NOMS-" + noms));
        return keys;
    }

    private static TableEntity Row(string partitionKey, DomainEvent e)
    {
        var row = new TableEntity(partitionKey, TableKey.Escape(e.EventId))
        {
            ["EventId"] = e.EventId,
            ["EventType"] = e.EventType,
            ["Version"] = e.Version,
            ["OccurredAt"] = Instants.Format(e.OccurredAt),
        };
        // A table string holds 32K characters; an event body may be up to 256 KB, so long ones are kept in parts.
        var info = e.AdditionalInformation.ValueKind == JsonValueKind.Object ? e.AdditionalInformation.GetRawText() : "";
        for (var i = 0; i * InfoPart < info.Length; i++)
            row["Info" + i] = info.Substring(i * InfoPart, Math.Min(InfoPart, info.Length - i * InfoPart));
        if (e.Description is { } d) row["Description"] = d;
        if (e.DetailUrl is { } u) row["DetailUrl"] = u;
        if (e.Crn is { } crn) row["Crn"] = crn;
        if (e.Noms is { } noms) row["Noms"] = noms;
        return row;
    }

    private static DomainEvent? Read(TableEntity row)
    {
        if (row.GetString("EventId") is not { } id || row.GetString("EventType") is not { } type
            || row.GetString("OccurredAt") is not { } at || Instants.Parse(at) is not { } occurredAt) return null;
        var json = string.Concat(Enumerable.Range(0, 100).Select(i => row.GetString("Info" + i)).TakeWhile(p => p is not null));
        var info = json.Length > 0 ? JsonDocument.Parse(json).RootElement.Clone() : default;
        return new DomainEvent(type, row.GetInt32("Version") ?? 1, occurredAt, row.GetString("Description"),
            row.GetString("DetailUrl"), info, row.GetString("Crn"), row.GetString("Noms"), id);
    }
}
