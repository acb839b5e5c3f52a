using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.App.Journeys.Durable;

/// <summary>
/// Reads what the journeys' orchestrations recorded (<see cref="JourneyRecords"/>): a journey's latest state and its
/// history of facts, as the API and the staff pages show them. Reading needs no engine, only storage.
/// </summary>
public sealed class JourneyReader(JourneyRecords records)
{
    /// <summary>The journey's state once its sentence has been decided; null before (or if there is no such journey).</summary>
    public async Task<RecordedJourney?> LoadAsync(string journeyId, CancellationToken ct) =>
        await records.StateAsync(journeyId, ct) is { } snapshot ? Started(snapshot) : null;

    /// <summary>A recorded snapshot as a started journey; null while it waits for its sentence.</summary>
    public static RecordedJourney? Started(JourneySnapshot snapshot) =>
        JourneyTurn.DecodeState(snapshot.StateJson) is { Started: true } state ? new RecordedJourney(state, snapshot.Version) : null;

    /// <summary>The journey's history, oldest first, each entry with its facts.</summary>
    public async Task<IReadOnlyList<RecordedEntry>> HistoryAsync(string journeyId, CancellationToken ct) =>
        (await records.HistoryAsync(journeyId, ct)).Select(h => new RecordedEntry(h.Seq, h.EventId, h.EventType, h.EventJson,
            JsonSerializer.Deserialize<List<JourneyFact>>(h.FactsJson, JourneyJson.Options) ?? [],
            InstantPattern.ExtendedIso.Parse(h.RecordedAt).Value)).ToList();
}

/// <summary>A journey as last recorded: its state and the length of its history.</summary>
public sealed record RecordedJourney(JourneyState State, long Version);

/// <summary>One recorded history entry: the event, the facts it produced, and when the journey decided it.</summary>
public sealed record RecordedEntry(long Sequence, string EventId, string EventType, string EventJson, IReadOnlyList<JourneyFact> Facts, Instant RecordedAt);
