using ShortSentences.Journeys.Stages;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// A read model fed by the journeys (the index the API and staff pages query). Called by the projection activity
/// at least once per turn, possibly again, possibly late: an implementation must keep the newest
/// <see cref="JourneySnapshot.Version"/> it has seen and ignore older ones.
/// </summary>
public interface IJourneyProjection
{
    Task ProjectAsync(JourneySnapshot snapshot, JourneyState state, CancellationToken ct);
}
