using System.Text.Json;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Loop;
using Xunit;
using static ShortSentences.Orchestration.Tests.Loop.Person;

namespace ShortSentences.Orchestration.Tests.Loop;

/// <summary>The loop's logic, one execution at a time, with the engine faked (instant timers, in-memory inbox).</summary>
public class JourneyOrchestrationTests
{
    private readonly JourneyDecider _decider = new();
    private readonly Person _j = new();

    private FakeJourneyContext Context(string at = "2025-03-05") => new(_j.Id, AtUtc(at));

    /// <summary>One execution that continues as new after its first turn (most tests look at what it carries over).</summary>
    private Task<string?> Run(FakeJourneyContext ctx, JourneyCarry? carry = null) =>
        new JourneyOrchestration(_decider, turnsPerExecution: 1).RunAsync(ctx, carry ?? JourneyCarry.Fresh);

    /// <summary>An execution with the production number of turns.</summary>
    private Task<string?> RunLong(FakeJourneyContext ctx, JourneyCarry? carry = null) =>
        new JourneyOrchestration(_decider).RunAsync(ctx, carry ?? JourneyCarry.Fresh);

    private static JourneyCarry Carried(FakeJourneyContext ctx) => Assert.IsType<JourneyCarry>(ctx.ContinuedWith);

    private static JourneyState StateOf(JourneyCarry c) => JourneyTurn.DecodeState(c.StateJson!);

    /// <summary>
    /// The journey after its first execution took the sentence: what that execution carried over, and a context for
    /// the next execution whose inbox holds the sentence (already read: the cursor is past it).
    /// </summary>
    private async Task<(FakeJourneyContext Next, JourneyCarry Carry)> AfterTheSentence()
    {
        var first = Context();
        first.Inbox.Add(_j.Sentence());
        await Run(first);
        var next = Context();
        next.Inbox.Add(first.Inbox[0]);
        return (next, Carried(first));
    }

    private static Instant InstantAt(string date) => Instant.FromDateTimeUtc(AtUtc(date));

    [Fact]
    public async Task A_sentence_in_the_inbox_starts_the_journey_records_its_facts_and_continues_as_new_with_the_state()
    {
        var ctx = Context();
        ctx.Inbox.Add(_j.Sentence());
        Assert.Null(await Run(ctx));
        var carry = Carried(ctx);
        Assert.Equal(1, carry.InboxCursor);
        Assert.Equal(1, carry.HistorySize);
        Assert.Equal(Stage.Sentenced, StateOf(carry).Stage);
        var record = Assert.Single(ctx.Recorded);
        var entry = Assert.Single(record.Entries);
        Assert.Equal(("S1-e1", "sentence-recorded", "inbox"), (entry.EventId, entry.EventType, entry.Source));
        Assert.Contains(JsonSerializer.Deserialize<List<JourneyFact>>(entry.FactsJson, JourneyJson.Options)!, f => f is JourneyStarted);
        Assert.Equal(1, record.Snapshot.Version);
        Assert.Equal(record.Snapshot, Assert.Single(ctx.Projected));
    }

    [Fact]
    public async Task Events_that_came_before_the_sentence_are_applied_when_the_journey_starts()
    {
        var ctx = Context();
        ctx.Inbox.Add(_j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"));
        ctx.Inbox.Add(_j.Sentence());
        await Run(ctx);
        var state = StateOf(Carried(ctx));
        Assert.Equal("Sam Jones", state.Com);
        Assert.Empty(state.Parked);
        Assert.Equal(["com-allocated", "sentence-recorded"], ctx.Recorded.Single().Entries.Select(e => e.EventType));
    }

    [Fact]
    public async Task A_repeated_event_id_is_decided_once()
    {
        var ctx = Context();
        var allocation = _j.Stamp(new ComAllocated("Sam Jones"), "allocation-1");
        ctx.Inbox.AddRange([_j.Sentence(), allocation, allocation with { ComName = "Someone Else" }]);
        await Run(ctx);
        var carry = Carried(ctx);
        Assert.Equal(3, carry.InboxCursor);
        Assert.Equal(2, carry.HistorySize);
        Assert.Equal("Sam Jones", StateOf(carry).Com);
    }

    [Fact]
    public async Task With_nothing_to_do_the_journey_waits_for_the_earlier_of_its_next_timer_and_a_wake_up()
    {
        var first = Context();
        first.Inbox.Add(_j.Sentence());
        await Run(first);
        var carry = Carried(first);

        var ctx = Context();
        ctx.Inbox.Add(_j.Sentence()); // already read: the cursor is past it
        ctx.TimerBudget = 0;
        var run = Run(ctx, carry);
        Assert.False(run.IsCompleted);
        var next = _decider.NextTimerAt(StateOf(carry))!.Value;
        Assert.Equal(next.ToDateTimeUtc(), Assert.Single(ctx.TimersRequested));
        Assert.Empty(ctx.Recorded);
        Assert.False(ctx.ContinuedAsNew);
    }

    [Fact]
    public async Task A_wake_up_brings_in_the_new_event_before_the_timer_is_due()
    {
        var (ctx, carry) = await AfterTheSentence();
        ctx.TimerBudget = 0;
        ctx.PendingWakes = 1;
        ctx.OnWake = () => ctx.Inbox.Add(_j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"));
        await Run(ctx, carry);
        Assert.Equal("Sam Jones", StateOf(Carried(ctx)).Com);
        Assert.Equal(2, Carried(ctx).InboxCursor);
        Assert.Equal(AtUtc("2025-03-05"), ctx.Now); // no timer fired
        Assert.Equal(3, ctx.ActivityCalls.Count(a => a == JourneyActivities.ReadInbox)); // at the start, before the first wait, after the wake-up
    }

    [Fact]
    public async Task A_timer_that_fires_early_never_makes_the_journey_act_before_the_due_instant()
    {
        var first = Context();
        first.Inbox.Add(_j.Sentence());
        await Run(first);
        var carry = Carried(first);
        var due = _decider.NextTimerAt(StateOf(carry))!.Value.ToDateTimeUtc();

        var ctx = Context();
        ctx.Inbox.Add(first.Inbox[0]);
        ctx.TimerSkew = TimeSpan.FromMilliseconds(-900); // Azure Storage timers can fire up to ~1 s early
        ctx.TimerBudget = 1;
        var run = Run(ctx, carry);
        Assert.False(run.IsCompleted);
        Assert.Empty(ctx.Recorded);
        Assert.Equal([due, due], ctx.TimersRequested); // it woke 900 ms early, decided nothing, and waits for the same instant

        ctx.TimerSkew = TimeSpan.Zero;
        var onTime = Context();
        onTime.Inbox.Add(first.Inbox[0]);
        onTime.TimerBudget = 1;
        await Run(onTime, carry);
        var entry = onTime.Recorded.Single().Entries.First();
        Assert.Equal("timer", entry.Source);
        Assert.True(NodaTime.Text.InstantPattern.ExtendedIso.Parse(entry.RecordedAt).Value.ToDateTimeUtc() >= due);
    }

    [Fact]
    public async Task Timers_already_due_when_an_event_is_decided_fire_in_the_same_turn_in_due_order()
    {
        var ctx = Context("2025-06-30"); // the sentence is decided months after it was passed: its early tasks are long overdue
        ctx.Inbox.Add(_j.Sentence());
        await Run(ctx);
        var entries = ctx.Recorded.Single().Entries;
        Assert.Equal("inbox", entries[0].Source);
        Assert.True(entries.Count > 1);
        Assert.All(entries.Skip(1), e => Assert.Equal("timer", e.Source));
        var state = StateOf(Carried(ctx));
        Assert.True(_decider.NextTimerAt(state) > Instant.FromDateTimeUtc(AtUtc("2025-06-30")), "no timer due now is left open");
        Assert.NotEmpty(ctx.RemindersQueued);
    }

    [Fact]
    public async Task Reminders_are_queued_with_the_idempotency_keys_the_decider_gave_them()
    {
        var ctx = Context("2025-06-30");
        ctx.Inbox.Add(_j.Sentence());
        await Run(ctx);
        var keys = ctx.RemindersQueued.Select(j => JsonSerializer.Deserialize<ReminderCommand>(j, JourneyJson.Options)!.IdempotencyKey).ToList();
        Assert.All(keys, k => Assert.StartsWith(_j.Id + "/", k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task An_ended_journey_completes_instead_of_continuing()
    {
        var ctx = Context();
        ctx.Inbox.Add(_j.Sentence());
        ctx.Inbox.Add(_j.Stamp(new JourneyTerminated("sentence quashed on appeal")));
        var output = await Run(ctx);
        Assert.StartsWith("ended: terminated: sentence quashed on appeal", output);
        Assert.False(ctx.ContinuedAsNew);
        Assert.True(ctx.Recorded.Single().Snapshot.Ended);
    }

    [Fact]
    public async Task A_full_inbox_is_taken_a_batch_at_a_time_and_the_rest_in_the_next_execution()
    {
        var ctx = Context();
        ctx.Inbox.Add(_j.Sentence());
        for (var i = 0; i < 30; i++) ctx.Inbox.Add(_j.Stamp(new ContactRecorded(D("2025-03-05"), ContactKind.FaceToFace)));
        await Run(ctx);
        Assert.Equal(JourneyOrchestration.InboxBatch, Carried(ctx).InboxCursor);

        var next = Context();
        next.Inbox.AddRange(ctx.Inbox);
        await Run(next, Carried(ctx));
        Assert.Equal(31, Carried(next).InboxCursor);
    }

    [Fact]
    public async Task When_storage_fails_beyond_the_retries_the_same_turn_is_recorded_later_exactly_as_decided()
    {
        var ctx = Context();
        ctx.Inbox.Add(_j.Sentence());
        ctx.Failing.Add(JourneyActivities.ApplyTurn);
        ctx.OnTimer = () => ctx.Failing.Clear(); // storage is back after the first retry delay
        ctx.TimerBudget = 1;
        var run = RunLong(ctx);
        Assert.False(run.IsCompleted); // recorded, and now waiting for its next deadline
        Assert.Equal(AtUtc("2025-03-05") + JourneyOrchestration.TurnRetryDelay, ctx.Now);
        var recorded = Assert.Single(ctx.Recorded);
        var entry = Assert.Single(recorded.Entries);
        Assert.Equal(InstantAt("2025-03-05"), NodaTime.Text.InstantPattern.ExtendedIso.Parse(entry.RecordedAt).Value); // decided once, before the failure
        Assert.Equal(2, ctx.ActivityCalls.Count(a => a == JourneyActivities.ReadInbox)); // at the start and before the first wait: none while storage was down
    }

    [Fact]
    public async Task When_a_crash_let_another_decision_of_the_turn_be_recorded_first_the_journey_goes_on_from_the_recorded_one()
    {
        var (ctx, carry) = await AfterTheSentence();
        var allocation = _j.Stamp(new ComAllocated("Sam Jones"), "allocation-1");
        ctx.Inbox.Add(allocation);
        // The record holds the sentence only, with the cursor still on it: as if the lost episode had read nothing new.
        var recordedFirst = new ShortSentences.Orchestration.Storage.JourneySnapshot(_j.Id, carry.HistorySize, carry.StateJson!, false, Cursor: 1);
        ctx.RecordedFirst = e => e.Snapshot.Cursor == 2 ? recordedFirst : null;
        await RunLong(ctx, carry);
        var next = Carried(ctx);
        Assert.Equal(1, next.InboxCursor); // back to the record: the allocation is read and decided again
        Assert.Equal(carry.HistorySize, next.HistorySize);
        Assert.Null(StateOf(next).Com);
    }

    [Fact]
    public async Task A_wake_up_carrying_the_next_event_is_decided_without_reading_the_inbox_and_a_gap_makes_the_journey_read_it()
    {
        var (ctx, carry) = await AfterTheSentence();
        ctx.TimerBudget = 0;
        ctx.PendingWakes = 2;
        var calls = 0;
        ctx.OnWake = () =>
        {
            calls++;
            // The first wake-up brings event 2 itself; the second brings event 4, whose predecessor's wake-up was lost.
            if (calls == 1) ctx.Inbox.Add(_j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"));
            else ctx.Inbox.AddRange([_j.Stamp(new ComAllocated("Ann Lee"), "allocation-2"), _j.Stamp(new ComAllocated("Kim Ray"), "allocation-3")]);
        };
        ctx.WakeCarries = () => ctx.Items()[^1];
        var run = RunLong(ctx, carry);
        Assert.False(run.IsCompleted); // still in the same execution, waiting
        Assert.False(ctx.ContinuedAsNew);
        Assert.Equal(["allocation-1", "allocation-2", "allocation-3"], ctx.Recorded.SelectMany(r => r.Entries).Select(e => e.EventId));
        Assert.Equal("Kim Ray", JourneyTurn.DecodeState(ctx.Projected[^1].StateJson).Com);
        Assert.Equal(3, ctx.ActivityCalls.Count(a => a == JourneyActivities.ReadInbox)); // at the start, before the first wait, and for the gap
    }

    [Fact]
    public async Task A_turn_whose_activity_storage_lost_is_carried_out_again_when_an_event_sent_again_wakes_the_journey_later()
    {
        var (ctx, carry) = await AfterTheSentence();
        ctx.Inbox.Add(_j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"));
        ctx.LostOnce.Add(JourneyActivities.ApplyTurn);
        ctx.TimerBudget = 0;
        ctx.PendingWakes = 1; // the allocation sent again, long after
        ctx.OnWake = () => ctx.Now += JourneyOrchestration.ActivityPatience + TimeSpan.FromSeconds(1);
        var run = RunLong(ctx, carry);
        Assert.False(run.IsCompleted); // recorded, and waiting
        Assert.Equal(2, ctx.ActivityCalls.Count(a => a == JourneyActivities.ApplyTurn)); // the lost call, and the one after the wake-up
        var recorded = Assert.Single(ctx.Recorded);
        Assert.Equal(["allocation-1"], recorded.Entries.Select(e => e.EventId));
        Assert.Equal("Sam Jones", JourneyTurn.DecodeState(recorded.Snapshot.StateJson).Com);
    }

    [Fact]
    public async Task A_wake_up_while_a_turn_is_still_being_recorded_brings_its_event_into_the_next_turn_without_calling_the_turn_again()
    {
        var (ctx, carry) = await AfterTheSentence();
        ctx.Inbox.Add(_j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"));
        ctx.SlowOnce.Add(JourneyActivities.ApplyTurn); // still running when the next event's wake-up comes
        ctx.TimerBudget = 0;
        ctx.PendingWakes = 1;
        ctx.OnWake = () => ctx.Inbox.Add(_j.Stamp(new ComAllocated("Ann Lee"), "allocation-2"));
        ctx.WakeCarries = () => ctx.Items()[^1];
        var run = RunLong(ctx, carry);
        Assert.False(run.IsCompleted); // both decided, and waiting
        Assert.Equal(2, ctx.ActivityCalls.Count(a => a == JourneyActivities.ApplyTurn)); // one per turn: the slow one was not called again
        Assert.Equal(["allocation-1", "allocation-2"], ctx.Recorded.SelectMany(r => r.Entries).Select(e => e.EventId));
        Assert.Equal("Ann Lee", JourneyTurn.DecodeState(ctx.Projected[^1].StateJson).Com);
        Assert.Equal(2, ctx.ActivityCalls.Count(a => a == JourneyActivities.ReadInbox)); // at the start, and before the first wait (which found the event the wake-up told of)
    }

    [Fact]
    public async Task After_ten_turns_the_journey_continues_as_new_with_its_state_so_its_history_stays_short()
    {
        var (ctx, carry) = await AfterTheSentence();
        ctx.TimerBudget = 0;
        ctx.PendingWakes = 100;
        var n = 0;
        ctx.OnWake = () => ctx.Inbox.Add(_j.Stamp(new ComAllocated($"COM {++n}"), $"allocation-{n}"));
        ctx.WakeCarries = () => ctx.Items()[^1];
        await RunLong(ctx, carry);
        var next = Carried(ctx);
        Assert.Equal(1 + JourneyOrchestration.TurnsPerExecution, next.InboxCursor);
        Assert.Equal($"COM {JourneyOrchestration.TurnsPerExecution}", StateOf(next).Com);
        Assert.Equal(JourneyOrchestration.TurnsPerExecution, ctx.Recorded.Count);
    }

    [Fact]
    public async Task A_held_journey_decides_nothing_after_the_hold_and_fires_no_deadline_until_it_is_released()
    {
        var ctx = Context("2025-06-30"); // its early tasks are overdue: only the hold keeps their reminders back
        ctx.Inbox.AddRange([_j.Sentence(), new Control(InboxControls.Hold), _j.Stamp(new ComAllocated("Sam Jones"), "allocation-1")]);
        await Run(ctx);
        var held = Carried(ctx);
        Assert.True(held.Held);
        Assert.Equal(2, held.InboxCursor); // on the hold: the allocation after it waits
        Assert.Null(StateOf(held).Com);
        Assert.All(ctx.Recorded.Single().Entries, e => Assert.Equal("inbox", e.Source));
        Assert.Empty(ctx.RemindersQueued);
        Assert.Equal(InboxControls.HeldStatus, ctx.CustomStatus);

        var waiting = Context("2025-06-30");
        waiting.Inbox.AddRange(ctx.Inbox);
        waiting.TimerBudget = 0;
        var run = Run(waiting, held);
        Assert.False(run.IsCompleted);
        Assert.Empty(waiting.Recorded);
        Assert.Equal(AtUtc("2025-06-30") + JourneyOrchestration.LongestWait, Assert.Single(waiting.TimersRequested)); // no deadline, only a look at the inbox

        var released = Context("2025-07-01");
        released.Inbox.AddRange([.. ctx.Inbox, new Control(InboxControls.Release)]);
        await Run(released, held);
        var after = Carried(released);
        Assert.False(after.Held);
        Assert.Equal(4, after.InboxCursor);
        Assert.Equal("Sam Jones", StateOf(after).Com);
        Assert.Contains(released.Recorded.Single().Entries, e => e.Source == "timer");
        Assert.Null(released.CustomStatus);
    }

    [Fact]
    public async Task A_release_ends_every_hold_before_it_and_a_release_with_no_hold_changes_nothing()
    {
        var ctx = Context();
        ctx.Inbox.AddRange([_j.Sentence(), new Control(InboxControls.Release), new Control(InboxControls.Hold), new Control(InboxControls.Hold),
            _j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"), new Control(InboxControls.Release)]);
        var carry = JourneyCarry.Fresh;
        for (var execution = 0; execution < 5 && carry.InboxCursor < 6; execution++)
        {
            var run = Context();
            run.Inbox.AddRange(ctx.Inbox);
            await Run(run, carry);
            carry = Carried(run);
        }
        Assert.Equal(6, carry.InboxCursor);
        Assert.False(carry.Held);
        Assert.Equal("Sam Jones", StateOf(carry).Com);
        Assert.Equal(2, carry.HistorySize); // the controls are not journey events: only the sentence and the allocation were decided
    }
}
