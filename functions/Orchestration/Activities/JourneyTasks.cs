using Microsoft.DurableTask;
using ShortSentences.Orchestration.Loop;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// Every orchestrator and activity of the journeys, by the name the engine knows it: what the local durable host
/// registers (<see cref="Register"/>) and what the function app must declare as <c>[Function]</c>s (its metadata test
/// holds the SDK's functions.metadata to these lists), so the two hosts can never drift apart.
/// </summary>
public static class JourneyTasks
{
    public static readonly IReadOnlyList<string> Orchestrators = [JourneyOrchestration.Name];

    public static readonly IReadOnlyDictionary<string, Type> Activities = new Dictionary<string, Type>
    {
        [JourneyActivities.ReadInbox] = typeof(ReadInboxActivity),
        [JourneyActivities.ApplyTurn] = typeof(ApplyTurnActivity),
        [JourneyActivities.ReadRecord] = typeof(ReadRecordActivity),
    };

    /// <summary>Registers the journey orchestration (one instance serves every execution: the decider is pure) and its activities.</summary>
    public static void Register(DurableTaskRegistry registry, JourneyOrchestration journey)
    {
        registry.AddOrchestrator(JourneyOrchestration.Name, () => journey);
        foreach (var (name, type) in Activities) registry.AddActivity(name, type);
    }
}
