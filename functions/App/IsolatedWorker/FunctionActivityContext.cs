using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ShortSentences.App.IsolatedWorker;

/// <summary>An activity's context as the journeys' activities take it, from the function invocation that runs it.</summary>
public sealed class FunctionActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;
    public override string InstanceId { get; } = instanceId;

    public static FunctionActivityContext Of(FunctionContext invocation, string activity) => new(activity,
        invocation.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is not null ? id.ToString()! : "");
}
