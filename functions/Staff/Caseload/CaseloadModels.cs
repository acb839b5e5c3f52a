using NodaTime;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Staff.Caseload;

/// <summary>A key date and why it is that date (e.g. "CRD: 40% of a 6-month sentence, SDS40").</summary>
public sealed record KeyDate(string Code, string Label, LocalDate Date, string Explanation);

/// <summary>An open task with its deadline and the rule that set it.</summary>
public sealed record OpenTask(string TaskId, string Title, LocalDate DueDate, string RuleId, string Reason);

/// <summary>
/// One line of the journey's history: when it was recorded (<paramref name="At"/>), what happened and why, and the day
/// it happened (<paramref name="On"/>: the event's own date, shown first; null when the source does not know it).
/// </summary>
public sealed record HistoryEntry(Instant At, string What, string Why, LocalDate? On = null);

/// <summary>
/// A journey as the caseload list shows it. <paramref name="Name"/> when the data source knows it (the journeys
/// themselves hold only the CRN); the pages then show the CRN in its place.
/// </summary>
public sealed record JourneySummary(
    string JourneyId,
    string Crn,
    string? Name,
    Stage Stage,
    string? ComId,
    string Pdu,
    IReadOnlyList<OpenTask> OpenTasks)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? $"CRN {Crn}" : Name;

    /// <summary>The sentence this journey follows (the journey id is <c>J-{CRN}-{sentenceId}</c>).</summary>
    public string SentenceId => JourneyId.Length > Crn.Length + 3 ? JourneyId[(Crn.Length + 3)..] : JourneyId;
}

/// <summary>A journey as its own page shows it.</summary>
public sealed record JourneyDetail(JourneySummary Summary, IReadOnlyList<KeyDate> KeyDates, IReadOnlyList<HistoryEntry> History);

/// <summary>
/// The staff pages' read model. The pages decide who may see what and filter; the reader only finds journeys:
/// those of one PDU (optionally only for some COMs), and one journey by id.
/// </summary>
public interface ICaseloadReader
{
    Task<IReadOnlyList<JourneySummary>> CaseloadAsync(string pdu, IReadOnlyCollection<string>? comIds, CancellationToken cancellationToken = default);

    Task<JourneyDetail?> JourneyAsync(string journeyId, CancellationToken cancellationToken = default);

    /// <summary>Every journey of one person (CRN): concurrent and consecutive sentences, ended ones included.</summary>
    Task<IReadOnlyList<JourneySummary>> PersonAsync(string crn, CancellationToken cancellationToken = default);
}

/// <summary>Raised by a reader that has no data source (Azure, until the runtime's storage is wired in).</summary>
public sealed class CaseloadUnavailableException(string message) : Exception(message);
