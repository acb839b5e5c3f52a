using Microsoft.Azure.Functions.Worker;
using ShortSentences.App.IsolatedWorker;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.App.Functions;

/// <summary>The journey's activity that reads its recorded state (a new execution going on from its record).</summary>
public sealed class JourneyReadRecord(ReadRecordActivity activity)
{
    [Function(JourneyActivities.ReadRecord)]
    public Task<JourneySnapshot> Run([ActivityTrigger] string journeyId, FunctionContext invocation) =>
        activity.RunAsync(FunctionActivityContext.Of(invocation, JourneyActivities.ReadRecord), journeyId);
}
