using System.Text.Json;
using NodaTime;
using ShortSentences.Runtime.Samples;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Runtime.Tests;

public sealed class JourneyStepTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    private static async Task<StepOutcome> Deliver(RuntimeHarness h, string journeyId, string eventId, string type,
        System.Text.Json.Nodes.JsonObject body)
    {
        using var doc = JsonDocument.Parse(body.ToJsonString());
        var parsed = h.Codec.ParseEvent(type, doc.RootElement);
        return await h.Runtime.Deliver(journeyId, eventId, type, doc.RootElement, parsed.Event!, default);
    }

    [Fact]
    public async Task An_event_is_recorded_in_the_history_with_its_facts_and_the_state_follows_it()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await Deliver(h, "J-1", "e1", "Open", RuntimeHarness.Open("X1"));
        var outcome = await Deliver(h, "J-1", "e2", "Add", RuntimeHarness.Add("X1", 4));

        Assert.Equal(StepResult.Applied, outcome.Result);
        var journey = await h.Runtime.Load("J-1", default);
        Assert.Equal(4, journey.State!.Count);
        Assert.Equal(2, journey.Sequence);
        var history = await h.Runtime.History("J-1", default);
        Assert.Equal(["e1", "e2"], history.Select(e => e.EventId));
        Assert.Equal(new Added(4, 4), Assert.Single(history[1].Facts));
        Assert.Equal(Start, history[1].RecordedAt);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await Deliver(h, "J-1", "e1", "Open", RuntimeHarness.Open("X1"));
        await Deliver(h, "J-1", "e2", "Add", RuntimeHarness.Add("X1", 5));
        var again = await Deliver(h, "J-1", "e2", "Add", RuntimeHarness.Add("X1", 5));
        var openAgain = await Deliver(h, "J-1", "e1", "Open", RuntimeHarness.Open("X1"));

        Assert.Equal(StepResult.Duplicate, again.Result);
        Assert.Equal(StepResult.Duplicate, openAgain.Result);
        Assert.Equal(5, (await h.Runtime.Load("J-1", default)).State!.Count);
        Assert.Equal(2, (await h.Runtime.History("J-1", default)).Count);
    }

    [Fact]
    public async Task Events_that_arrive_before_the_journey_starts_are_parked_then_applied_after_the_start_in_arrival_order()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        Assert.Equal(StepResult.Parked, (await Deliver(h, "J-2", "a", "Add", RuntimeHarness.Add("X2", 2))).Result);
        Assert.Equal(StepResult.Parked, (await Deliver(h, "J-2", "b", "Add", RuntimeHarness.Add("X2", 7))).Result);
        Assert.Equal(StepResult.Duplicate, (await Deliver(h, "J-2", "a", "Add", RuntimeHarness.Add("X2", 2))).Result);
        Assert.False((await h.Runtime.Load("J-2", default)).Started);

        await Deliver(h, "J-2", "open", "Open", RuntimeHarness.Open("X2"));

        var history = await h.Runtime.History("J-2", default);
        Assert.Equal(["open", "a", "b"], history.Select(e => e.EventId));
        Assert.Equal([new Added(2, 2), new Added(7, 9)], history.Skip(1).Select(e => e.Facts.Single()));
        var journey = await h.Runtime.Load("J-2", default);
        Assert.False(journey.HasParked);
        Assert.Equal(9, journey.State!.Count);
    }

    [Fact]
    public async Task A_worker_that_has_never_seen_a_journey_judges_a_start_event_against_what_is_stored()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await Deliver(h, "J-5", "open", "Open", RuntimeHarness.Open("X5"));
        await Deliver(h, "J-5", "add", "Add", RuntimeHarness.Add("X5", 4));

        // Another process, which remembers nothing: it guesses the journey is new, and the store corrects it.
        var redelivered = await Deliver(new RuntimeHarness(azurite.Account, h.Clock, h.Options), "J-5", "open", "Open",
            RuntimeHarness.Open("X5"));
        var another = await Deliver(new RuntimeHarness(azurite.Account, h.Clock, h.Options), "J-5", "open-again", "Open",
            RuntimeHarness.Open("X5"));

        Assert.Equal(StepResult.Duplicate, redelivered.Result);
        Assert.Equal(StepResult.Applied, another.Result);
        var history = await h.Runtime.History("J-5", default);
        Assert.Equal(["open", "add", "open-again"], history.Select(e => e.EventId));
        Assert.IsType<Rejected>(history[2].Facts.Single());
        Assert.Equal(4, (await h.Runtime.Load("J-5", default)).State!.Count);
    }

    [Fact]
    public async Task A_journey_the_store_has_forgotten_is_started_again_by_its_start_event_though_the_worker_remembers_it()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await Deliver(h, "J-7", "open", "Open", RuntimeHarness.Open("X7"));
        await Deliver(h, "J-7", "add", "Add", RuntimeHarness.Add("X7", 3));
        // Storage that lost its last writes (a SIGKILLed Azurite): the journey's partition is gone, the worker's memory is not.
        var pk = ShortSentences.Runtime.Storage.JourneyKeys.Escape("J-7");
        foreach (var row in await h.Tables.QueryRange(h.Options.JourneysTable, pk, "", "~", default))
            await h.Tables.Submit(h.Options.JourneysTable, [ShortSentences.Runtime.Storage.TableOperation.Delete(pk, row.RowKey)], default);

        var again = await Deliver(h, "J-7", "open", "Open", RuntimeHarness.Open("X7"));

        Assert.Equal(StepResult.Applied, again.Result);
        Assert.Equal(["open"], (await h.Runtime.History("J-7", default)).Select(e => e.EventId));
        Assert.Equal(0, (await h.Runtime.Load("J-7", default)).State!.Count);
    }

    [Fact]
    public async Task Early_events_parked_by_one_worker_are_released_by_another_workers_start_event()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        Assert.Equal(StepResult.Parked, (await Deliver(h, "J-6", "a", "Add", RuntimeHarness.Add("X6", 2))).Result);

        var other = new RuntimeHarness(azurite.Account, h.Clock, h.Options);
        Assert.Equal(StepResult.Applied, (await Deliver(other, "J-6", "open", "Open", RuntimeHarness.Open("X6"))).Result);

        Assert.Equal(["open", "a"], (await h.Runtime.History("J-6", default)).Select(e => e.EventId));
        var journey = await h.Runtime.Load("J-6", default);
        Assert.False(journey.HasParked);
        Assert.Equal(2, journey.State!.Count);
    }

    [Fact]
    public async Task Many_workers_stepping_one_journey_at_once_each_land_exactly_once()
    {
        var h = await RuntimeHarness.Create(azurite, new ManualClock(Start));
        await Deliver(h, "J-3", "open", "Open", RuntimeHarness.Open("X3"));

        // Every event twice, all at once: the ETag makes them queue up, the inbox drops the second copies.
        var results = await Task.WhenAll(Enumerable.Range(1, 12).SelectMany(i => new[] { i, i })
            .Select(i => Deliver(h, "J-3", $"add-{i}", "Add", RuntimeHarness.Add("X3", i))));

        Assert.Equal(12, results.Count(r => r.Result == StepResult.Applied));
        Assert.Equal(12, results.Count(r => r.Result == StepResult.Duplicate));
        var journey = await h.Runtime.Load("J-3", default);
        Assert.Equal(Enumerable.Range(1, 12).Sum(), journey.State!.Count);
        Assert.Equal(13, (await h.Runtime.History("J-3", default)).Count);
    }

    [Fact]
    public async Task A_due_timer_fires_once_and_a_cancelled_or_moved_timer_does_not_fire_at_its_old_time()
    {
        var clock = new ManualClock(Start);
        var h = await RuntimeHarness.Create(azurite, clock);
        await Deliver(h, "J-4", "open", "Open", RuntimeHarness.Open("X4"));
        await Deliver(h, "J-4", "arm-a", "Arm", RuntimeHarness.Arm("X4", "a", Start + Duration.FromMinutes(5)));
        await Deliver(h, "J-4", "arm-b", "Arm", RuntimeHarness.Arm("X4", "b", Start + Duration.FromMinutes(6)));
        await Deliver(h, "J-4", "arm-c", "Arm", RuntimeHarness.Arm("X4", "c", Start + Duration.FromMinutes(7)));
        await Deliver(h, "J-4", "disarm-b", "Disarm", RuntimeHarness.Disarm("X4", "b"));
        await Deliver(h, "J-4", "move-c", "Arm", RuntimeHarness.Arm("X4", "c", Start + Duration.FromHours(2)));

        Assert.Equal(0, await h.Timers.PollOnce(default));
        clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(1, await h.Timers.PollOnce(default));
        Assert.Equal(0, await h.Timers.PollOnce(default));

        var history = await h.Runtime.History("J-4", default);
        var fired = history.SelectMany(e => e.Facts).OfType<TimerElapsed>().Select(t => t.TimerId);
        Assert.Equal(["a"], fired);
        Assert.Equal(JourneyRuntime<CountingState, CountingEvent, CountingFact>.TimerEventId("a", Start + Duration.FromMinutes(5)),
            history[^1].EventId);
        Assert.Equal(["c"], (await h.Runtime.Load("J-4", default)).State!.Timers.Keys);

        clock.Advance(Duration.FromHours(2));
        Assert.Equal(1, await h.Timers.PollOnce(default));
        Assert.Empty((await h.Runtime.Load("J-4", default)).State!.Timers);
    }

    [Fact]
    public async Task An_index_entry_whose_step_has_not_committed_yet_is_kept_until_it_has_settled()
    {
        var clock = new ManualClock(Start);
        var h = await RuntimeHarness.Create(azurite, clock);
        await Deliver(h, "J-6", "open", "Open", RuntimeHarness.Open("X6"));
        // As a step does just before its commit: the entry exists, the journey does not show the timer yet.
        await h.Runtime.Due.Add("J-6", new Journeys.Durable.JourneyTimer("soon", Start), default);

        Assert.Equal(0, await h.Timers.PollOnce(default));
        Assert.Single(await h.Runtime.Due.DueNow(default));

        await Deliver(h, "J-6", "arm", "Arm", RuntimeHarness.Arm("X6", "soon", Start)); // the commit lands
        Assert.Equal(1, await h.Timers.PollOnce(default));
        Assert.Contains(new TimerElapsed("soon"), (await h.Runtime.History("J-6", default)).SelectMany(e => e.Facts));
    }

    [Fact]
    public async Task A_stale_index_entry_is_dropped_once_settled_without_firing_anything()
    {
        var clock = new ManualClock(Start);
        var h = await RuntimeHarness.Create(azurite, clock);
        await Deliver(h, "J-7", "open", "Open", RuntimeHarness.Open("X7"));
        await h.Runtime.Due.Add("J-7", new Journeys.Durable.JourneyTimer("never-committed", Start), default);

        clock.Advance(DueIndex.StaleAfter);
        Assert.Equal(0, await h.Timers.PollOnce(default));

        Assert.Empty(await h.Runtime.Due.DueNow(default));
        Assert.Equal(1, (await h.Runtime.Load("J-7", default)).Sequence);
    }

    [Fact]
    public async Task A_timer_already_due_when_it_is_set_fires_at_the_next_timer_step()
    {
        var clock = new ManualClock(Start);
        var h = await RuntimeHarness.Create(azurite, clock);
        await Deliver(h, "J-5", "open", "Open", RuntimeHarness.Open("X5"));
        await Deliver(h, "J-5", "arm", "Arm", RuntimeHarness.Arm("X5", "late", Start - Duration.FromDays(30)));

        Assert.Equal(1, await h.Timers.PollOnce(default));
        Assert.Contains(new TimerElapsed("late"), (await h.Runtime.History("J-5", default)).SelectMany(e => e.Facts));
    }
}
