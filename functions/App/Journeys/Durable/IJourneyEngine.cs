using ShortSentences.Orchestration.Client;

namespace ShortSentences.App.Journeys.Durable;

/// <summary>
/// Where the app's operations get their <see cref="JourneyClient"/>: locally the durable host it runs itself
/// (<see cref="JourneyEngine"/>); under the Functions host the client of the function invocation in flight
/// (<see cref="ShortSentences.App.IsolatedWorker.InvocationJourneyEngine"/>).
/// </summary>
public interface IJourneyEngine
{
    Task<JourneyClient> ClientAsync(CancellationToken ct);
}
