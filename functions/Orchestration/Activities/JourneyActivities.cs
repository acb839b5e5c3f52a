namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// The names the orchestration schedules its activities by, and the names a host registers them under. They are
/// stored in the engine's history, so they never change once in use.
/// </summary>
public static class JourneyActivities
{
    public const string ReadInbox = "JourneyReadInbox";
    public const string ApplyTurn = "JourneyApplyTurn";
    public const string ReadRecord = "JourneyReadRecord";
}
