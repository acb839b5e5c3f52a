using DurableTask.Core;
using DurableTask.AzureStorage;

namespace ShortSentences.DurableHost;

/// <summary>
/// The provider's client as the sidecar sees it, with instance rows that have no orchestration name answered as no
/// instance. Storage that lost writes in a crash (Azurite SIGKILLed) can keep an instance row that a later checkpoint
/// merged into being, without the start's fields; the sidecar's GetInstance then throws on the null name
/// (TaskHubGrpcServer.CreateGetInstanceResponse) every time, and every event for that journey failed with 500
/// (StorageCrashTests saw it). As no instance, the journey is started again by its next event, which rewrites the row
/// whole, and goes on from its record (JourneyClient).
/// </summary>
public sealed class NamelessInstanceFilter(AzureStorageOrchestrationService inner) : IOrchestrationServiceClient, IOrchestrationServicePurgeClient
{
    public async Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions) =>
        (await inner.GetOrchestrationStateAsync(instanceId, allExecutions)).Where(Named).ToList();

    public async Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string executionId) =>
        await inner.GetOrchestrationStateAsync(instanceId, executionId) is { } state && Named(state) ? state : null!;

    private static bool Named(OrchestrationState? state) => !string.IsNullOrEmpty(state?.Name);

    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => inner.CreateTaskOrchestrationAsync(creationMessage);
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[] dedupeStatuses) =>
        inner.CreateTaskOrchestrationAsync(creationMessage, dedupeStatuses);
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => inner.SendTaskOrchestrationMessageAsync(message);
    public Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages) => inner.SendTaskOrchestrationMessageBatchAsync(messages);
    public Task<OrchestrationState?> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken) =>
        inner.WaitForOrchestrationAsync(instanceId, executionId, timeout, cancellationToken);
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) => inner.ForceTerminateTaskOrchestrationAsync(instanceId, reason);
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string executionId) => inner.GetOrchestrationHistoryAsync(instanceId, executionId);
    public Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType) =>
        inner.PurgeOrchestrationHistoryAsync(thresholdDateTimeUtc, timeRangeFilterType);
    public Task<PurgeResult> PurgeInstanceStateAsync(string instanceId) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(instanceId);
    public Task<PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter) => ((IOrchestrationServicePurgeClient)inner).PurgeInstanceStateAsync(purgeInstanceFilter);
}
