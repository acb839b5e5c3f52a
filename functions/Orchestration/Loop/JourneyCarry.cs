namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// What one execution of a journey hands the next through ContinueAsNew: the decider's state (as the journeys' JSON),
/// how far the inbox has been read, the length of the history so far, and whether an operator's hold is in force
/// (<see cref="InboxControls"/>; while held, the cursor stays on the hold), and the journey's clock
/// (<see cref="JourneyClock"/>). Nothing else crosses a restart, so the orchestration's code can change while journeys
/// are in flight. Null state: a journey not yet started.
/// </summary>
public sealed record JourneyCarry(string? StateJson, long InboxCursor, long HistorySize, bool Held = false, JourneyClock? Clock = null)
{
    public static JourneyCarry Fresh { get; } = new(null, 0, 0);
}
