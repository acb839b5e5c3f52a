using System.Text.Json;
using Microsoft.DurableTask.Client;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;
using ShortSentences.Orchestration.Tests.Loop;
using Xunit;
using static ShortSentences.Orchestration.Tests.Host.DurableHostFixture;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>Journeys through the local durable host on a real Azurite: the real provider's behaviour.</summary>
[Collection(DurableHostCollection.Name)]
public class JourneyHostTests(DurableHostFixture host)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Person NewPerson() => new("X" + Random.Shared.Next(100000, 999999), "S" + Guid.NewGuid().ToString("N")[..6]);

    private Task<JourneySnapshot?> Snapshot(string id) => host.Records.StateAsync(id, None);

    private async Task<JourneyState> StateWhen(string id, Func<JourneyState, bool> done)
    {
        var snap = await Eventually(() => Snapshot(id), s => s is not null && done(JourneyTurn.DecodeState(s.StateJson)));
        Assert.NotNull(snap);
        var state = JourneyTurn.DecodeState(snap.StateJson);
        Assert.True(done(state), $"the journey did not get there in time; it is at version {snap.Version}");
        return state;
    }

    [Fact]
    public async Task A_sentence_starts_its_journey_and_its_history_state_and_index_are_recorded()
    {
        var j = NewPerson();
        var outcome = await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        Assert.True(outcome.Started);
        var state = await StateWhen(j.Id, s => s.Started);
        Assert.Equal(j.Crn, state.Crn);
        var history = await host.Records.HistoryAsync(j.Id, None);
        Assert.Equal("sentence-recorded", history[0].EventType);
        Assert.Contains(JsonSerializer.Deserialize<List<JourneyFact>>(history[0].FactsJson, JourneyJson.Options)!, f => f is JourneyStarted);
        var indexed = await Eventually(() => host.Index.ForCrnAsync(j.Crn, None), l => l.Count == 1);
        Assert.Equal(j.Id, Assert.Single(indexed).JourneyId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Host.Journeys.GetAsync(j.Id, None))!.Runtime);
    }

    [Fact]
    public async Task Events_that_come_before_the_journey_exists_are_kept_and_applied_when_it_starts()
    {
        var j = NewPerson();
        var early = await host.Host.Journeys.SubmitAsync(j.Id, j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"), None);
        Assert.False(early.Started);
        await Task.Delay(1500); // the wake-up went to no instance and was dropped; the event must still be waiting
        Assert.Null(await host.Host.Client.GetInstanceAsync(j.Id, None));
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        var state = await StateWhen(j.Id, s => s.Com is not null);
        Assert.Equal("Sam Jones", state.Com);
        Assert.Empty(state.Parked);
    }

    [Fact]
    public async Task A_repeated_event_is_taken_once_and_decided_once()
    {
        var j = NewPerson();
        var sentence = j.Sentence();
        await host.Host.Journeys.SubmitAsync(j.Id, sentence, None);
        var allocation = j.Stamp(new ComAllocated("Sam Jones"), "allocation-1");
        Assert.False((await host.Host.Journeys.SubmitAsync(j.Id, allocation, None)).Duplicate);
        Assert.True((await host.Host.Journeys.SubmitAsync(j.Id, allocation with { ComName = "Someone Else" }, None)).Duplicate);
        Assert.True((await host.Host.Journeys.SubmitAsync(j.Id, sentence, None)).Duplicate);
        var state = await StateWhen(j.Id, s => s.Com is not null);
        await Task.Delay(1000);
        Assert.Equal("Sam Jones", (await StateWhen(j.Id, _ => true)).Com);
        var history = await host.Records.HistoryAsync(j.Id, None);
        Assert.Equal(1, history.Count(h => h.EventId == "allocation-1"));
        Assert.Equal(1, history.Count(h => h.EventType == "sentence-recorded"));
    }

    [Fact]
    public async Task Events_arriving_while_the_journey_is_busy_and_continuing_as_new_are_all_applied_in_order()
    {
        var j = NewPerson();
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var e = j.Stamp(new CrsReferralSent($"R{i}", Pathway.Accommodation));
            ids.Add(e.EventId);
            await host.Host.Journeys.SubmitAsync(j.Id, e, None);
        }
        var state = await StateWhen(j.Id, s => ids.All(s.Handled.Contains));
        Assert.All(ids, id => Assert.Contains(id, state.Handled));
        var history = await host.Records.HistoryAsync(j.Id, None);
        Assert.Equal(ids, history.Where(h => h.EventType == "crs-referral-sent").Select(h => h.EventId));
    }

    [Fact]
    public async Task Overdue_reminders_are_queued_once_each_with_their_idempotency_keys()
    {
        var j = NewPerson();
        // Passed long ago: every early task is overdue when the journey first runs.
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(sentenceDate: "2025-01-06", months: 10), None);
        var state = await StateWhen(j.Id, s => s.Started);
        var history = await host.Records.HistoryAsync(j.Id, None);
        var raised = history.SelectMany(h => JsonSerializer.Deserialize<List<JourneyFact>>(h.FactsJson, JourneyJson.Options)!).OfType<ReminderRaised>().Count();
        Assert.True(raised > 0);
        var messages = new List<string>();
        var queue = host.Reminders.Queue;
        var peeked = await Eventually(async () => (await queue.PeekMessagesAsync(32)).Value, m => m.Count(x => x.Body.ToString().Contains(j.Id)) >= raised, 20);
        var keys = peeked.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.GetProperty("idempotencyKey").GetString()!)
            .Where(k => k.StartsWith(j.Id + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(raised, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Hold_release_and_terminate_each_record_their_reason_and_a_terminated_journey_is_never_restarted()
    {
        var j = NewPerson();
        var client = host.Host.Journeys;
        await client.SubmitAsync(j.Id, j.Sentence(), None);
        await StateWhen(j.Id, s => s.Started);

        await client.HoldAsync(j.Id, "data protection review", "spo.jones", None);
        await client.SubmitAsync(j.Id, j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"), None);
        await Eventually(() => client.GetAsync(j.Id, None), s => s!.Held);
        await Task.Delay(2500);
        Assert.True((await client.GetAsync(j.Id, None))!.Held);
        Assert.Null((await StateWhen(j.Id, _ => true)).Com);

        await client.ReleaseAsync(j.Id, "review done", "spo.jones", None);
        Assert.Equal("Sam Jones", (await StateWhen(j.Id, s => s.Com is not null)).Com);

        await client.TerminateAsync(j.Id, "created in error", "ops.smith", None);
        var terminated = await Eventually(() => client.GetAsync(j.Id, None), s => s!.Runtime == OrchestrationRuntimeStatus.Terminated);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated!.Runtime);
        var again = await client.SubmitAsync(j.Id, j.Sentence(id: "sentence-again"), None);
        Assert.False(again.Started);
        await Task.Delay(1500);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await client.GetAsync(j.Id, None))!.Runtime);

        var controls = await client.ControlsAsync(j.Id, None);
        Assert.Equal([("hold", "data protection review", "spo.jones"), ("release", "review done", "spo.jones"), ("terminate", "created in error", "ops.smith")],
            controls.Select(c => (c.Action, c.Reason, c.By)));
    }

    [Fact]
    public async Task Hostile_ids_stay_inside_their_own_journey()
    {
        var j = new Person("X123456", "S1' or PartitionKey ne '");
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(), None);
        await StateWhen(j.Id, s => s.Started);
        Assert.Null(await host.Records.StateAsync("J-X123456-S1", None));
        Assert.All((await host.Records.HistoryAsync(j.Id, None)).Where(h => h.Source == "inbox"), h => Assert.StartsWith("S1' or", JsonDocument.Parse(h.EventJson).RootElement.GetProperty("sentenceId").GetString()));
        Assert.Empty(await host.Index.ForCrnAsync("X123456' or Kind eq 'journey", None));
    }
}
