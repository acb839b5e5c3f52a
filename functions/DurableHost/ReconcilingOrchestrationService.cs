using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Logging;

namespace ShortSentences.DurableHost;

/// <summary>
/// The provider as the sidecar sees it, with each orchestration work item's new messages reconciled with the
/// instance's history first, as DurableTask.Core's own dispatcher does (and so the Functions host in Azure) but the
/// sidecar's dispatcher in Microsoft.DurableTask.InProcessTestHost 0.2.3-preview.1 does not ("TODO: Filter out
/// invalid messages" in its TaskOrchestrationDispatcher). A host that dies after an episode's history is written but
/// before its messages are deleted gets them again once they are visible: a second <c>ExecutionStarted</c> made every
/// later episode of that instance throw "Multiple ExecutionStartedEvent found" and the journey never moved again (the
/// fault test saw it after a few SIGKILLs), and a message of an execution that has since continued as new would be
/// taken by the new one. Both are dropped here; the provider deletes them with the rest of the batch.
/// </summary>
public sealed class ReconcilingOrchestrationService(IOrchestrationService inner, StartedStatusRepair status, ILogger log) : IOrchestrationService
{
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);
        if (workItem?.NewMessages is { Count: > 0 } messages && workItem.OrchestrationRuntimeState is { } state)
        {
            workItem.NewMessages = Reconcile(messages, state);
            var dropped = messages.Except(workItem.NewMessages).ToList();
            foreach (var message in dropped)
                log.LogWarning("{Instance}: dropped a {Event} delivered again for execution {Execution} (the current one is {Current})",
                    workItem.InstanceId, message.Event.EventType, message.OrchestrationInstance?.ExecutionId, state.OrchestrationInstance?.ExecutionId);
            // A start delivered again: the episode it started may have died before the provider wrote its status.
            if (dropped.Any(m => m.Event is ExecutionStartedEvent)) await status.MendAsync(workItem.InstanceId, state, cancellationToken);
        }
        return workItem!;
    }

    /// <summary>The messages DurableTask.Core would apply: no second start, nothing addressed to another execution.</summary>
    public static IList<TaskMessage> Reconcile(IList<TaskMessage> messages, OrchestrationRuntimeState state)
    {
        var execution = state.OrchestrationInstance?.ExecutionId;
        return messages.Where(m => m.Event is ExecutionStartedEvent
            ? state.ExecutionStartedEvent is null
            : string.IsNullOrWhiteSpace(m.OrchestrationInstance?.ExecutionId) || m.OrchestrationInstance.ExecutionId == execution).ToList();
    }

    public Task StartAsync() => inner.StartAsync();
    public Task StopAsync() => inner.StopAsync();
    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);
    public Task CreateAsync() => inner.CreateAsync();
    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);
    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();
    public Task DeleteAsync() => inner.DeleteAsync();
    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);
    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);
    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);
    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;
    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;
    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages,
            continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;
    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;
    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) => inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
