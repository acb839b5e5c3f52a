using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using Azure;
using Azure.Data.Tables;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The read index of journeys for the management API: one row per journey in its person's partition ("crn-X777519")
/// holding the latest view and the fields it is queried by, and one pointer row per NOMS number ("noms-A8513EA") so
/// prison events find their journeys. Each journey's turn projects its new state here (<see cref="IJourneyProjection"/>),
/// so it trails the journey's own record by at most that turn; the journey's record stays the truth.
/// Every value a query is given (a CRN, a stage, a COM, a PDU from the query string) is quoted by
/// <see cref="TableClient.CreateQueryFilter"/>, so none can widen it.
/// </summary>
public sealed class JourneyIndex(TableClient table) : IJourneyProjection
{
    public const string NoDeadline = "9999-12-31";
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public TableClient Table => table;

    public async Task EnsureAsync(CancellationToken ct) => await table.CreateIfNotExistsAsync(ct);

    /// <summary>
    /// The journey's recorded state as its row (called by the journey's own turn, at least once, perhaps late: only a
    /// newer version replaces the row). Overdue is stored as of no day in particular: it is judged on every read.
    /// </summary>
    public Task ProjectAsync(JourneySnapshot snapshot, JourneyState state, CancellationToken ct) =>
        state.Started
            ? PutAsync(JourneyViews.From(state, snapshot.Version, LocalDate.MinIsoValue),
                snapshot.NextTimerAt is { } next ? InstantPattern.ExtendedIso.Parse(next).Value : null, ct)
            : Task.CompletedTask;

    public async Task PutAsync(JourneyView view, Instant? nextTimer, CancellationToken ct)
    {
        var pk = CrnKey(view.Crn);
        var row = new TableEntity(pk, view.JourneyId)
        {
            ["Kind"] = "journey",
            ["Crn"] = view.Crn,
            ["Stage"] = view.Stage,
            ["Status"] = view.Status.ToString(),
            ["Com"] = view.Com ?? "",
            ["Pdu"] = view.Pdu ?? "",
            ["NextDue"] = JourneyViews.NextDue(view) ?? NoDeadline,
            ["NextTimerTicks"] = nextTimer?.ToUnixTimeTicks() ?? long.MaxValue,
            ["Version"] = view.HistorySize,
            ["View"] = JsonSerializer.Serialize(view, ApiJson.Options),
        };
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(pk, view.JourneyId, cancellationToken: ct);
            if (current.HasValue && (current.Value!.GetInt64("Version") ?? 0) >= view.HistorySize) break;
            try
            {
                if (current.HasValue) await table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, ct);
                else await table.AddEntityAsync(row, ct);
                break;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < 10) { /* a concurrent copy wrote first: look again */ }
        }
        if (view.Noms is { } noms)
            await table.UpsertEntityAsync(new TableEntity(NomsKey(noms), view.JourneyId) { ["Kind"] = "noms", ["Crn"] = view.Crn }, TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<JourneyView>> ForCrnAsync(string crn, LocalDate today, CancellationToken ct)
    {
        var views = new List<JourneyView>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CrnKey(crn)}"), cancellationToken: ct))
            if (Read(row, today) is { } v) views.Add(v);
        return views;
    }

    public async Task<IReadOnlyList<string>> JourneyIdsForNomsAsync(string noms, CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {NomsKey(noms)}"), select: ["RowKey"], cancellationToken: ct))
            ids.Add(row.RowKey);
        return ids;
    }

    /// <summary>Journeys whose next deadline (as their last turn recorded it) is at or before <paramref name="instant"/>.</summary>
    public async Task<IReadOnlyList<string>> DueBeforeAsync(Instant instant, CancellationToken ct)
    {
        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"Kind eq {"journey"} and NextTimerTicks le {instant.ToUnixTimeTicks()}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct)) ids.Add(row.RowKey);
        return ids;
    }

    public async Task<JourneyPage> QueryAsync(JourneyQuery q, LocalDate today, CancellationToken ct)
    {
        var clauses = new List<string> { q.Crn is { } crn ? TableClient.CreateQueryFilter($"PartitionKey eq {CrnKey(crn)}") : TableClient.CreateQueryFilter($"Kind eq {"journey"}") };
        if (q.Stage is { } stage) clauses.Add(TableClient.CreateQueryFilter($"Stage eq {stage}"));
        if (q.Com is { } com) clauses.Add(TableClient.CreateQueryFilter($"Com eq {com}"));
        if (q.Pdu is { } pdu) clauses.Add(TableClient.CreateQueryFilter($"Pdu eq {pdu}"));
        if (q.Overdue is { } overdue)
            clauses.Add(overdue
                ? TableClient.CreateQueryFilter($"NextDue lt {Iso.Format(today)}")
                : TableClient.CreateQueryFilter($"NextDue ge {Iso.Format(today)}"));
        var filter = string.Join(" and ", clauses.Select(c => $"({c})"));
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: q.PageSize, cancellationToken: ct)
                           .AsPages(DecodeToken(q.ContinuationToken), q.PageSize))
            return new JourneyPage(page.Values.Select(r => Read(r, today)).OfType<JourneyView>().ToList(), EncodeToken(page.ContinuationToken));
        return new JourneyPage([], null);
    }

    private static JourneyView? Read(TableEntity row, LocalDate today) =>
        row.GetString("View") is { } json && JsonSerializer.Deserialize<JourneyView>(json, ApiJson.Options) is { } v
            ? JourneyViews.AsOf(v, today)
            : null;

    private static string CrnKey(string crn) => "crn-" + crn;
    private static string NomsKey(string noms) => "noms-" + noms;

    /// <summary>The SDK's continuation ("next partition key, space, next row key") as a URL-safe token.</summary>
    public static string? EncodeToken(string? continuation) => continuation is null
        ? null
        : Convert.ToBase64String(Encoding.UTF8.GetBytes(continuation)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The continuation a token stands for; a token that does not decode is a bad request, not a failure.</summary>
    public static string? DecodeToken(string? token)
    {
        if (token is null) return null;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var n)) throw new BadContinuationToken();
        var continuation = Encoding.UTF8.GetString(buffer, 0, n);
        var parts = continuation.Split(' ');
        if (parts.Length != 2 || parts[0].Length == 0 || continuation.Any(char.IsControl)) throw new BadContinuationToken();
        return continuation;
    }
}

public sealed class BadContinuationToken() : Exception("The continuation token is not one this API gave out.");
