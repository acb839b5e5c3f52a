using DurableTask.Core;
using DurableTask.Core.History;
using ShortSentences.DurableHost;
using ShortSentences.Orchestration.Tests.Loop;
using Xunit;
using static ShortSentences.Orchestration.Tests.Host.DurableHostFixture;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// Messages delivered a second time, as after a host dies between writing an episode's history and deleting its
/// messages: the sidecar's own dispatcher applies them (a second start poisons the instance for good), so the host
/// reconciles them first (<see cref="ReconcilingOrchestrationService"/>), as DurableTask.Core does.
/// </summary>
[Collection(DurableHostCollection.Name)]
public class DuplicateDeliveryTests(DurableHostFixture host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_journey_whose_start_is_delivered_again_keeps_taking_events()
    {
        var j = new Person("X" + Random.Shared.Next(100000, 999999), "S" + Guid.NewGuid().ToString("N")[..6]);
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        var started = await Eventually(() => host.Records.StateAsync(j.Id, None), s => s is not null);
        Assert.NotNull(started);
        var state = (await host.Host.Engine.GetOrchestrationStateAsync(j.Id, allExecutions: false)).Single();
        await host.Host.Engine.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = state.OrchestrationInstance,
            Event = new ExecutionStartedEvent(-1, state.Input) { OrchestrationInstance = state.OrchestrationInstance, Name = state.Name },
        });
        await host.Host.Journeys.SubmitAsync(j.Id, j.Stamp(new Journeys.Events.ComAllocated("Sam Jones"), "allocation-1"), None);
        var history = await Eventually(() => host.Records.HistoryAsync(j.Id, None), h => h.Any(e => e.EventId == "allocation-1"), 30);
        Assert.Contains(history, e => e.EventId == "allocation-1");
    }

    [Fact]
    public void A_second_start_and_messages_of_an_earlier_execution_are_dropped_and_the_rest_kept()
    {
        var current = new OrchestrationInstance { InstanceId = "J-1", ExecutionId = "e2" };
        var state = new OrchestrationRuntimeState([new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = current, Name = "Journey" }]);
        TaskMessage To(string? execution, HistoryEvent e) => new() { OrchestrationInstance = new OrchestrationInstance { InstanceId = "J-1", ExecutionId = execution }, Event = e };
        var again = To("e2", new ExecutionStartedEvent(-1, "{}") { OrchestrationInstance = current, Name = "Journey" });
        var raised = To(null, new EventRaisedEvent(-1, "{}") { Name = "inbox" });
        var earlier = To("e1", new TaskCompletedEvent(-1, 0, "[]"));
        var now = To("e2", new TaskCompletedEvent(-1, 0, "[]"));
        Assert.Equal([raised, now], ReconcilingOrchestrationService.Reconcile([again, raised, earlier, now], state));

        var fresh = new OrchestrationRuntimeState();
        Assert.Equal([again, raised], ReconcilingOrchestrationService.Reconcile([again, raised], fresh));
    }
}
