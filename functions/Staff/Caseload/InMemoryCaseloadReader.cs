namespace ShortSentences.Staff.Caseload;

/// <summary>
/// Journeys held in memory: the stand-in data source for local mode and the browser tests until the reader over the
/// runtime's journey storage is wired in (see docs/staff.md).
/// </summary>
public sealed class InMemoryCaseloadReader(IEnumerable<JourneyDetail> journeys) : ICaseloadReader
{
    private readonly Dictionary<string, JourneyDetail> byId =
        journeys.ToDictionary(j => j.Summary.JourneyId, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<JourneyDetail> Journeys => byId.Values;

    public Task<IReadOnlyList<JourneySummary>> CaseloadAsync(string pdu, IReadOnlyCollection<string>? comIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JourneySummary>>(byId.Values
            .Select(j => j.Summary)
            .Where(s => string.Equals(s.Pdu, pdu, StringComparison.OrdinalIgnoreCase))
            .Where(s => comIds is null || (s.ComId is not null && comIds.Contains(s.ComId, StringComparer.OrdinalIgnoreCase)))
            .ToList());

    public Task<JourneyDetail?> JourneyAsync(string journeyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(byId.GetValueOrDefault(journeyId));

    public Task<IReadOnlyList<JourneySummary>> PersonAsync(string crn, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<JourneySummary>>(byId.Values.Select(j => j.Summary)
            .Where(s => string.Equals(s.Crn, crn, StringComparison.OrdinalIgnoreCase)).OrderBy(s => s.JourneyId, StringComparer.Ordinal).ToList());
}

/// <summary>In Azure, until the lead registers the reader over the runtime's storage, the pages say so plainly.</summary>
public sealed class UnavailableCaseloadReader : ICaseloadReader
{
    private const string Message = "journey data is not connected to the staff pages in this environment";

    public Task<IReadOnlyList<JourneySummary>> CaseloadAsync(string pdu, IReadOnlyCollection<string>? comIds, CancellationToken cancellationToken = default) =>
        throw new CaseloadUnavailableException(Message);

    public Task<JourneyDetail?> JourneyAsync(string journeyId, CancellationToken cancellationToken = default) =>
        throw new CaseloadUnavailableException(Message);

    public Task<IReadOnlyList<JourneySummary>> PersonAsync(string crn, CancellationToken cancellationToken = default) =>
        throw new CaseloadUnavailableException(Message);
}
