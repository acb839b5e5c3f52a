using Azure.Data.Tables;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
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
    public async Task A_running_journey_whose_status_row_was_left_pending_by_a_crash_reads_running_once_its_start_comes_again()
    {
        var j = new Person("X" + Random.Shared.Next(100000, 999999), "S" + Guid.NewGuid().ToString("N")[..6]);
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        Assert.NotNull(await Eventually(() => host.Records.StateAsync(j.Id, None), s => s is not null));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Host.Journeys.GetAsync(j.Id, None))!.Runtime);
        // What a host killed between the first episode's history and its instance row leaves: history running, row Pending.
        await RewriteStatusRowAsync(j.Id, row => row["RuntimeStatus"] = "Pending");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await host.Host.Journeys.GetAsync(j.Id, None))!.Runtime);

        var state = (await host.Host.Engine.GetOrchestrationStateAsync(j.Id, allExecutions: false)).Single();
        await host.Host.Engine.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = state.OrchestrationInstance,
            Event = new ExecutionStartedEvent(-1, state.Input) { OrchestrationInstance = state.OrchestrationInstance, Name = state.Name },
        });
        var seen = await Eventually(() => host.Host.Journeys.GetAsync(j.Id, None), s => s!.Runtime == OrchestrationRuntimeStatus.Running, 30);
        Assert.Equal(OrchestrationRuntimeStatus.Running, seen!.Runtime);
        await host.Host.Journeys.SubmitAsync(j.Id, j.Stamp(new Journeys.Events.ComAllocated("Sam Jones"), "allocation-1"), None);
        Assert.Contains(await Eventually(() => host.Records.HistoryAsync(j.Id, None), h => h.Any(e => e.EventId == "allocation-1"), 30),
            e => e.EventId == "allocation-1");
    }

    [Fact]
    public async Task A_journey_whose_status_row_a_crash_left_without_its_name_takes_its_next_event()
    {
        var j = new Person("X" + Random.Shared.Next(100000, 999999), "S" + Guid.NewGuid().ToString("N")[..6]);
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        Assert.NotNull(await Eventually(() => host.Records.StateAsync(j.Id, None), s => s is not null));
        // After a crash nothing of the journey runs: let its first episodes finish before the row is made to look so.
        await Task.Delay(2000);
        // What storage that lost the start's write keeps: a row a later checkpoint merged into being, without a name.
        await RewriteStatusRowAsync(j.Id, row => row.Remove("Name"));

        await host.Host.Journeys.SubmitAsync(j.Id, j.Stamp(new Journeys.Events.ComAllocated("Sam Jones"), "allocation-1"), None);
        var history = await Eventually(() => host.Records.HistoryAsync(j.Id, None), h => h.Any(e => e.EventId == "allocation-1"), 60);
        Assert.Contains(history, e => e.EventId == "allocation-1");
        Assert.Equal(1, history.Count(e => e.EventType == "sentence-recorded"));
        // The engine answers for it again (before, every look at it failed, and so did every event sent to it).
        var seen = await Eventually(() => host.Host.Journeys.GetAsync(j.Id, None), s => s!.Runtime is not null, 30);
        Assert.NotNull(seen!.Runtime);
    }

    [Fact]
    public async Task The_status_row_of_a_hostile_id_is_found_under_the_key_the_provider_gives_it()
    {
        var id = "J^/\\#?\u0001\u0085-" + Guid.NewGuid().ToString("N")[..6];
        await host.Host.Client.ScheduleNewOrchestrationInstanceAsync(RawPathOrchestrations.EventCounter, 0, new StartOrchestrationOptions(InstanceId: id));
        var instances = new TableClient(host.ConnectionString, StartedStatusRepair.InstancesTable(host.Options.TaskHub));
        var row = await instances.GetEntityIfExistsAsync<TableEntity>(StartedStatusRepair.PartitionKey(id), "");
        Assert.True(row.HasValue, $"no status row under {StartedStatusRepair.PartitionKey(id)}");
        Assert.Equal(id, (await host.Host.Client.GetInstanceAsync(id))!.InstanceId);
    }

    /// <summary>
    /// Rewrites the engine's status row of a journey as a crash would have left it. The journey may still be
    /// checkpointing its first turns, so the row is taken as it is now and written under its ETag, again if it moved.
    /// </summary>
    private async Task RewriteStatusRowAsync(string journeyId, Action<TableEntity> crash)
    {
        var instances = new TableClient(host.ConnectionString, StartedStatusRepair.InstancesTable(host.Options.TaskHub));
        for (var attempt = 1; ; attempt++)
        {
            var row = (await instances.GetEntityAsync<TableEntity>(StartedStatusRepair.PartitionKey(journeyId), "")).Value;
            crash(row);
            try { await instances.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace); return; }
            catch (Azure.RequestFailedException e) when (e.Status == 412 && attempt < 20) { await Task.Delay(200); }
        }
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
