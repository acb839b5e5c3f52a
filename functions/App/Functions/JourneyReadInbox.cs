using Microsoft.Azure.Functions.Worker;
using ShortSentences.App.IsolatedWorker;
using ShortSentences.Orchestration.Activities;

namespace ShortSentences.App.Functions;

/// <summary>The journey's activity that reads the next events of its inbox (it writes nothing).</summary>
public sealed class JourneyReadInbox(ReadInboxActivity activity)
{
    [Function(JourneyActivities.ReadInbox)]
    public Task<InboxBatch> Run([ActivityTrigger] InboxRequest input, FunctionContext invocation) =>
        activity.RunAsync(FunctionActivityContext.Of(invocation, JourneyActivities.ReadInbox), input);
}
