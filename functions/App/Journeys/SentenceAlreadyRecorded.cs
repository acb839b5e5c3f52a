namespace ShortSentences.App.Journeys;

/// <summary>A second sentence event with a new event id for a sentence that already has its journey.</summary>
public sealed class SentenceAlreadyRecorded(string journeyId) : Exception($"journey {journeyId} already exists")
{
    public string JourneyId { get; } = journeyId;
}
