using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using ShortSentences.Storage.Tables;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The read index of journeys for the management API: one row per journey in its person's partition ("crn-X777519")
/// holding the latest view and the fields it is queried by, and one pointer row per NOMS number ("noms-A8513EA") so
/// prison events find their journeys. It is rewritten after every step the app makes, so it trails the journey's own
/// state by at most that step; the journey partition stays the truth.
/// </summary>
public sealed class JourneyIndex(TableClient table)
{
    public const string NoDeadline = "9999-12-31";
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public TableClient Table => table;

    public Task EnsureAsync(CancellationToken ct) => table.CreateIfNotExistsAsync(ct);

    public async Task PutAsync(JourneyView view, CancellationToken ct)
    {
        var row = new TableEntity(CrnKey(view.Crn), view.JourneyId)
        {
            ["Kind"] = "journey",
            ["Crn"] = view.Crn,
            ["Stage"] = view.Stage,
            ["Status"] = view.Status.ToString(),
            ["Com"] = view.Com ?? "",
            ["Pdu"] = view.Pdu ?? "",
            ["NextDue"] = JourneyViews.NextDue(view) ?? NoDeadline,
            ["View"] = JsonSerializer.Serialize(view, ApiJson.Options),
        };
        await table.UpsertAsync(row, TableUpdateMode.Replace, ct);
        if (view.Noms is { } noms)
            await table.UpsertAsync(new TableEntity(NomsKey(noms), view.JourneyId) { ["Kind"] = "noms", ["Crn"] = view.Crn }, TableUpdateMode.Replace, ct);
    }

    public async Task<IReadOnlyList<JourneyView>> ForCrnAsync(string crn, LocalDate today, CancellationToken ct)
    {
        var views = new List<JourneyView>();
        await foreach (var row in table.QueryAllAsync(ODataFilter.PartitionKeyEquals(CrnKey(crn)), ct: ct))
            if (Read(row, today) is { } v) views.Add(v);
        return views;
    }

    public async Task<IReadOnlyList<string>> JourneyIdsForNomsAsync(string noms, CancellationToken ct)
    {
        var ids = new List<string>();
        await foreach (var row in table.QueryAllAsync(ODataFilter.PartitionKeyEquals(NomsKey(noms)), ct: ct)) ids.Add(row.RowKey);
        return ids;
    }

    public async Task<JourneyPage> QueryAsync(JourneyQuery q, LocalDate today, CancellationToken ct)
    {
        var filter = q.Crn is { } crn ? ODataFilter.PartitionKeyEquals(CrnKey(crn)) : ODataFilter.Equal("Kind", "journey");
        if (q.Stage is { } stage) filter = ODataFilter.And(filter, ODataFilter.Equal("Stage", stage));
        if (q.Com is { } com) filter = ODataFilter.And(filter, ODataFilter.Equal("Com", com));
        if (q.Pdu is { } pdu) filter = ODataFilter.And(filter, ODataFilter.Equal("Pdu", pdu));
        if (q.Overdue is { } overdue)
            filter = ODataFilter.And(filter, ODataFilter.Compare("NextDue",
                overdue ? ODataComparison.LessThan : ODataComparison.GreaterThanOrEqual, Iso.Format(today)));
        var page = await table.QueryAsync(filter, top: q.PageSize, continuation: DecodeToken(q.ContinuationToken), ct: ct);
        var views = page.Entities.Select(r => Read(r, today)).OfType<JourneyView>().ToList();
        return new JourneyPage(views, EncodeToken(page.Continuation));
    }

    private static JourneyView? Read(TableEntity row, LocalDate today) =>
        row.GetString("View") is { } json && JsonSerializer.Deserialize<JourneyView>(json, ApiJson.Options) is { } v
            ? JourneyViews.AsOf(v, today)
            : null;

    private static string CrnKey(string crn) => "crn-" + crn;
    private static string NomsKey(string noms) => "noms-" + noms;

    public static string? EncodeToken(TableContinuation? c) => c is null
        ? null
        : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.NextPartitionKey}\n{c.NextRowKey}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The continuation a token stands for; a token that does not decode is a bad request, not a failure.</summary>
    public static TableContinuation? DecodeToken(string? token)
    {
        if (token is null) return null;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, buffer, out var n)) throw new BadContinuationToken();
        var parts = Encoding.UTF8.GetString(buffer, 0, n).Split('\n');
        if (parts.Length != 2 || parts[0].Length == 0 || parts.Any(p => p.Any(char.IsControl))) throw new BadContinuationToken();
        return new TableContinuation(parts[0], parts[1].Length == 0 ? null : parts[1]);
    }
}

public sealed class BadContinuationToken() : Exception("The continuation token is not one this API gave out.");
