using Microsoft.DurableTask;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// Projects a journey's new state into every read model (the index the API and staff pages query). Each projection
/// keeps only the newest version it has seen, so a repeat or a late run changes nothing.
/// </summary>
[DurableTask(JourneyActivities.Project)]
public sealed class ProjectActivity(IEnumerable<IJourneyProjection> projections) : TaskActivity<JourneySnapshot, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, JourneySnapshot input)
    {
        var state = JourneyTurn.DecodeState(input.StateJson);
        foreach (var p in projections) await p.ProjectAsync(input, state, CancellationToken.None);
        return true;
    }
}
