namespace ShortSentences.App.Api;

/// <summary>
/// The event is in its journey's inbox (kept, and it will be decided), but the journey did not decide it within the
/// time an answer waits. The caller is told to try again: the same event again is a repeat, answered with the outcome.
/// </summary>
public sealed class JourneyNotYetDecided(string journeyId)
    : Exception($"journey {journeyId} has the event but has not decided it yet")
{
    public string JourneyId { get; } = journeyId;
}
