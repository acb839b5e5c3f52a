using ShortSentences.App.Api;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The staff pages' read model over the real journeys: the journey index finds a PDU's journeys, each journey's own
/// partition gives its state and history, and the staff pages' <see cref="JourneyProjection"/> turns them into what the
/// pages show. COMs are matched to the staff directory by id, e-mail or name, as reminders are.
/// </summary>
public sealed class IndexCaseloadReader(
    JourneyIndex index,
    Durable.JourneyReader reader,
    StaffDirectory directory,
    IJourneyOperations journeys,
    TimeProvider clock) : ICaseloadReader
{
    /// <summary>The person's journeys as the management API gives them (<see cref="IJourneyOperations.ForPersonAsync"/>).</summary>
    public async Task<IReadOnlyList<JourneySummary>> PersonAsync(string crn, CancellationToken cancellationToken = default)
    {
        if (!Events.Identifiers.IsCrn(crn)) return [];
        return (await journeys.ForPersonAsync(crn, cancellationToken))
            .Select(v => new JourneySummary(v.JourneyId, v.Crn, v.Name,
                Enum.TryParse<Stage>(v.Stage, out var stage) ? stage : Stage.Sentenced,
                directory.FindByReference(v.Com)?.Id ?? v.Com, v.Pdu ?? "",
                v.OpenTasks.Select(t => new OpenTask(t.TaskId, t.Title, NodaTime.Text.LocalDatePattern.Iso.Parse(t.DueDate).Value, t.RuleId, t.Reason)).ToList()))
            .OrderBy(s => s.JourneyId, StringComparer.Ordinal).ToList();
    }

    private const int Page = 200;

    public async Task<IReadOnlyList<JourneySummary>> CaseloadAsync(string pdu, IReadOnlyCollection<string>? comIds, CancellationToken cancellationToken = default)
    {
        var today = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(ShortSentences.Journeys.Rules.JourneyDecider.London).Date;
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await index.QueryAsync(new JourneyQuery(null, null, null, pdu, null, token, Page), today, cancellationToken);
            ids.AddRange(page.Journeys.Where(v => v.Status != JourneyStatus.Terminated).Select(v => v.JourneyId));
            token = page.ContinuationToken;
        } while (token is not null);

        var summaries = new List<JourneySummary>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            if (await reader.LoadAsync(id, ct) is not { State: var state }) return;
            var summary = JourneyProjection.Summary(state);
            summary = summary with { ComId = directory.FindByReference(summary.ComId)?.Id ?? summary.ComId };
            lock (summaries) summaries.Add(summary);
        });
        return summaries
            .Where(s => comIds is null || (s.ComId is not null && comIds.Contains(s.ComId, StringComparer.OrdinalIgnoreCase)))
            .OrderBy(s => s.JourneyId, StringComparer.Ordinal).ToList();
    }

    public async Task<JourneyDetail?> JourneyAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        if (!Events.Identifiers.IsJourneyId(journeyId)) return null;
        if (await reader.LoadAsync(journeyId, cancellationToken) is not { State: var state }) return null;
        var facts = (await reader.HistoryAsync(journeyId, cancellationToken)).SelectMany(h => h.Facts).ToList();
        var detail = JourneyProjection.Detail(state, facts);
        return detail with { Summary = detail.Summary with { ComId = directory.FindByReference(detail.Summary.ComId)?.Id ?? detail.Summary.ComId } };
    }
}
