using NodaTime;
using NodaTime.Text;
using ShortSentences.App.Api;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Runtime;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;
using StaffHistory = ShortSentences.Staff.Caseload.HistoryEntry;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The staff pages' read model over the real journeys: caseloads from the journey index, one journey from its own
/// partition and history. COMs are matched to the staff directory by id, e-mail or name, as reminders are.
/// </summary>
public sealed class IndexCaseloadReader(
    JourneyIndex index,
    JourneyRuntime<JourneyState, JourneyEvent, JourneyFact> runtime,
    StaffDirectory directory,
    TimeProvider clock) : ICaseloadReader
{
    private const int Page = 200;

    private LocalDate Today() => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(JourneyDecider.London).Date;

    public async Task<IReadOnlyList<JourneySummary>> CaseloadAsync(string pdu, IReadOnlyCollection<string>? comIds, CancellationToken cancellationToken = default)
    {
        var summaries = new List<JourneySummary>();
        string? token = null;
        do
        {
            var page = await index.QueryAsync(new JourneyQuery(null, null, null, pdu, null, token, Page), Today(), cancellationToken);
            summaries.AddRange(page.Journeys.Where(v => v.Status != JourneyStatus.Terminated).Select(Summary));
            token = page.ContinuationToken;
        } while (token is not null);
        return comIds is null
            ? summaries
            : summaries.Where(s => s.ComId is not null && comIds.Contains(s.ComId, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    public async Task<JourneyDetail?> JourneyAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        if (!Events.Identifiers.IsJourneyId(journeyId)) return null;
        var snapshot = await runtime.Load(journeyId, cancellationToken);
        if (snapshot is not { Started: true, State: { } state }) return null;
        var view = JourneyViews.From(state, snapshot.Sequence, Today());
        var history = (await runtime.History(journeyId, cancellationToken))
            .Select(h => new StaffHistory(h.RecordedAt, Words(h.EventType), string.Join("; ", h.Facts.Select(f => Words(FactName(f))).Distinct())))
            .ToList();
        return new JourneyDetail(Summary(view), KeyDates(state), history);
    }

    private JourneySummary Summary(JourneyView v) => new(
        v.JourneyId, v.Crn, v.Crn, StageOf(v.Stage), directory.FindByReference(v.Com)?.Id ?? v.Com, v.Pdu ?? "",
        v.OpenTasks.Select(t => new OpenTask(t.TaskId, t.Title, LocalDatePattern.Iso.Parse(t.DueDate).Value, t.RuleId, t.Reason)).ToList());

    private static IReadOnlyList<KeyDate> KeyDates(JourneyState s)
    {
        if (s.Dates is not { } d) return [];
        var source = s.DatesSupplied ? "as supplied by the sentence event" : "calculated under the law in force on the sentence date";
        var dates = new List<KeyDate>
        {
            new(d.Unconditional ? "ARD" : "CRD", d.Unconditional ? "Automatic release" : "Conditional release", d.Crd, source),
            new(d.Unconditional ? "SED" : "SLED", d.Unconditional ? "Sentence expiry" : "Sentence and licence expiry", d.Sled, source),
        };
        if (d.Hdced is { } h) dates.Add(new("HDCED", "Home detention curfew eligibility", h, source));
        if (d.Tused is { } t) dates.Add(new("TUSED", "Top-up supervision expiry (end of PSS)", t, source));
        return dates;
    }

    private static JourneyStage StageOf(string stage) => Enum.TryParse<Stage>(stage, out var s) ? s switch
    {
        Stage.AwaitingSentence or Stage.Sentenced => JourneyStage.Sentenced,
        Stage.InCustody => JourneyStage.ImmediateNeeds,
        Stage.PreRelease => JourneyStage.PreRelease,
        Stage.Licence or Stage.RecalledToCustody => JourneyStage.Licence,
        Stage.Pss or Stage.BreachProceedings => JourneyStage.Pss,
        _ => JourneyStage.Ended,
    } : JourneyStage.Sentenced;

    private static string FactName(JourneyFact f) => System.Text.Json.JsonSerializer.SerializeToElement(f, ShortSentences.Journeys.Json.JourneyJson.Options)
        .TryGetProperty("type", out var t) ? t.GetString() ?? f.GetType().Name : f.GetType().Name;

    /// <summary>"com-allocated" reads "Com allocated".</summary>
    private static string Words(string kind) => JourneyViews.Title(kind);
}
