using Microsoft.Azure.Functions.Worker;
using ShortSentences.App.IsolatedWorker;
using ShortSentences.Orchestration.Activities;

namespace ShortSentences.App.Functions;

/// <summary>The journey's activity that records a turn, projects its read model and queues its reminders (idempotent).</summary>
public sealed class JourneyApplyTurn(ApplyTurnActivity activity)
{
    [Function(JourneyActivities.ApplyTurn)]
    public Task<TurnRecorded> Run([ActivityTrigger] TurnEffects input, FunctionContext invocation) =>
        activity.RunAsync(FunctionActivityContext.Of(invocation, JourneyActivities.ApplyTurn), input);
}
