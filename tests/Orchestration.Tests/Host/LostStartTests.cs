using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.DurableHost;
using ShortSentences.Orchestration.Client;
using ShortSentences.Orchestration.Storage;
using ShortSentences.Orchestration.Tests.Loop;
using Xunit;
using static ShortSentences.Orchestration.Tests.Host.DurableHostFixture;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// Storage that lost its last writes in a crash (Azurite SIGKILLed) can keep a journey's instance row and lose its
/// start message or history: the journey never runs, and the engine discards every event for it as addressed to no
/// instance. An event sent again that the journey has left undecided, untouched, for longer than a turn ever waits
/// (<see cref="JourneyClient.StallPatience"/>) starts it again; a journey that is only slow, or that decided the
/// event, is not started again.
/// </summary>
[Collection(DurableHostCollection.Name)]
public class LostStartTests(DurableHostFixture host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_journey_whose_start_storage_lost_is_started_by_its_sentence_sent_again_once_it_is_overdue()
    {
        var lost = NewPerson();
        await WritePendingRowAsync(lost.Id);
        var sentence = lost.Sentence();

        Assert.False((await host.Host.Journeys.SubmitAsync(lost.Id, sentence, None)).Started, "the instance exists: it is woken");
        Assert.False((await host.Host.Journeys.SubmitAsync(lost.Id, sentence, None)).Started, "a moment later its start may still be on the way");
        await Task.Delay(2000);
        Assert.Null(await host.Records.StateAsync(lost.Id, None));

        var again = await Later().SubmitAsync(lost.Id, sentence, None);
        Assert.True(again is { Started: true, Duplicate: true }, $"sent again two minutes on: {again}");
        Assert.NotNull(await Eventually(() => host.Records.StateAsync(lost.Id, None), s => s is not null));
        Assert.Equal(1, (await host.Records.HistoryAsync(lost.Id, None)).Count(e => e.EventType == "sentence-recorded"));
        var status = await Eventually(() => host.Host.Journeys.GetAsync(lost.Id, None), s => s?.Runtime == OrchestrationRuntimeStatus.Running, 30);
        Assert.Equal(OrchestrationRuntimeStatus.Running, status!.Runtime);
    }

    [Fact]
    public async Task A_journey_that_decided_its_event_is_not_started_again_when_the_event_comes_again_later()
    {
        var j = NewPerson();
        var sentence = j.Sentence();
        await host.Host.Journeys.SubmitAsync(j.Id, sentence, None);
        Assert.NotNull(await Eventually(() => host.Records.StateAsync(j.Id, None), s => s is not null));

        var again = await Later().SubmitAsync(j.Id, sentence, None);
        Assert.True(again is { Started: false, Duplicate: true }, $"sent again two minutes on: {again}");
    }

    [Fact]
    public async Task A_journey_held_by_an_operator_is_not_started_again_by_an_event_waiting_for_the_release()
    {
        var j = NewPerson();
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        Assert.NotNull(await Eventually(() => host.Records.StateAsync(j.Id, None), s => s is not null));
        await host.Host.Journeys.HoldAsync(j.Id, "checking the sentence dates", "Grace Okafor (SPO)", None);
        Assert.True((await Eventually(() => host.Host.Journeys.GetAsync(j.Id, None), s => s!.Held, 30))!.Held);
        var allocation = j.Stamp(new Journeys.Events.ComAllocated("Sam Jones"), "allocation-while-held");
        await host.Host.Journeys.SubmitAsync(j.Id, allocation, None);

        var again = await Later().SubmitAsync(j.Id, allocation, None);
        Assert.True(again is { Started: false, Duplicate: true }, $"sent again two minutes on: {again}");
    }

    private static Person NewPerson() => new("X" + Random.Shared.Next(100000, 999999), "S" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>The host's client as it will be two minutes from now: a retry made after <see cref="JourneyClient.StallPatience"/>.</summary>
    private JourneyClient Later()
    {
        var services = host.Host.Services;
        return new JourneyClient(services.GetRequiredService<DurableTaskClient>(), services.GetRequiredService<JourneyInbox>(), host.Records,
            services.GetRequiredService<TableServiceClient>().GetTableClient(host.Options.Store.ControlsTable),
            new AheadClock(JourneyClient.StallPatience + TimeSpan.FromMinutes(1)));
    }

    private sealed class AheadClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    /// <summary>
    /// Writes the instance row a journey's start leaves before the engine takes its message, with no message: the
    /// provider's own row of a journey that ran, copied, reset to Pending under a new execution.
    /// </summary>
    private async Task WritePendingRowAsync(string journeyId)
    {
        var template = NewPerson();
        await host.Host.Journeys.SubmitAsync(template.Id, template.Sentence(), None);
        Assert.NotNull(await Eventually(() => host.Records.StateAsync(template.Id, None), s => s is not null));
        var instances = new TableClient(host.ConnectionString, StartedStatusRepair.InstancesTable(host.Options.TaskHub));
        var ran = (await instances.GetEntityAsync<TableEntity>(StartedStatusRepair.PartitionKey(template.Id), "")).Value;

        var row = new TableEntity(StartedStatusRepair.PartitionKey(journeyId), "");
        foreach (var (key, value) in ran)
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" or "CustomStatus" or "Output" or "CompletedTime"))
                row[key] = value;
        row["RuntimeStatus"] = "Pending";
        row["ExecutionId"] = Guid.NewGuid().ToString("N");
        row["CreatedTime"] = row["LastUpdatedTime"] = DateTimeOffset.UtcNow;
        await instances.UpsertEntityAsync(row, TableUpdateMode.Replace);
    }
}
