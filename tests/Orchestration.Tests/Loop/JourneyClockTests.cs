using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Loop;
using Xunit;
using static ShortSentences.Orchestration.Tests.Loop.Person;

namespace ShortSentences.Orchestration.Tests.Loop;

/// <summary>
/// The journey keeps the product's time, not the engine's: events are decided at the instant their sender's clock
/// read, and a clock reading alone makes a passed deadline fire (JourneyClock).
/// </summary>
public class JourneyClockTests
{
    private readonly JourneyDecider _decider = new();
    private readonly Person _j = new();

    private Task<string?> Run(FakeJourneyContext ctx, JourneyCarry? carry = null) =>
        new JourneyOrchestration(_decider, turnsPerExecution: 1).RunAsync(ctx, carry ?? JourneyCarry.Fresh);

    private static Instant Read(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    [Fact]
    public async Task An_event_is_decided_at_its_senders_clock_and_the_journeys_timers_are_set_on_that_clock()
    {
        // The engine's clock says 5 March; the product's clock said 30 June when it sent the sentence.
        var ctx = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05"));
        ctx.Inbox.Add(_j.Sentence());
        ctx.Stamps[1] = "2025-06-30T10:00:00Z";
        await Run(ctx);

        var entries = ctx.Recorded.Single().Entries;
        Assert.Equal("2025-06-30T10:00:00Z", entries[0].RecordedAt);
        Assert.True(entries.Count > 1, "tasks overdue by the sender's clock fire in the same turn");
        var carry = Assert.IsType<JourneyCarry>(ctx.ContinuedWith);
        var state = JourneyTurn.DecodeState(carry.StateJson!);
        Assert.True(_decider.NextTimerAt(state) > Read("2025-06-30T10:00:00Z"));

        // The next execution waits for that timer at the engine instant its clock reaches it.
        var next = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05", 11)) { TimerBudget = 0 };
        next.Inbox.Add(ctx.Inbox[0]);
        _ = Run(next, carry);
        var offset = Read("2025-06-30T10:00:00Z") - Instant.FromDateTimeUtc(AtUtc("2025-03-05"));
        Assert.Equal((_decider.NextTimerAt(state)!.Value - offset).ToDateTimeUtc(), Assert.Single(next.TimersRequested));
    }

    [Fact]
    public async Task A_sender_whose_clock_is_behind_the_engines_has_its_events_decided_at_its_own_time()
    {
        // A test's or demonstration's clock set in the past: the journey lives on that clock, not the engine's.
        var ctx = new FakeJourneyContext(_j.Id, AtUtc("2025-03-20"));
        ctx.Inbox.Add(_j.Sentence());
        ctx.Stamps[1] = "2025-03-05T10:00:00Z";
        await Run(ctx);
        Assert.Equal("2025-03-05T10:00:00Z", ctx.Recorded.Single().Entries[0].RecordedAt);
    }

    [Fact]
    public async Task A_clock_reading_past_a_deadline_makes_the_journey_act_on_it_with_nothing_else_decided()
    {
        var first = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05"));
        first.Inbox.Add(_j.Sentence());
        await Run(first);
        var carry = Assert.IsType<JourneyCarry>(first.ContinuedWith);
        var due = _decider.NextTimerAt(JourneyTurn.DecodeState(carry.StateJson!))!.Value;

        var ctx = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05", 11)) { TimerBudget = 0 };
        ctx.Inbox.Add(first.Inbox[0]);
        ctx.Inbox.Add(new Control(InboxControls.ClockReading));
        ctx.Stamps[2] = InstantPattern.ExtendedIso.Format(due + Duration.FromHours(1));
        ctx.PendingWakes = 1;
        await Run(ctx, carry);

        var entries = ctx.Recorded.Single().Entries;
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("timer", e.Source));
        Assert.All(entries, e => Assert.True(Read(e.RecordedAt) >= due));
        Assert.Equal(2, Assert.IsType<JourneyCarry>(ctx.ContinuedWith).InboxCursor);
    }

    [Fact]
    public async Task An_event_that_waited_before_reaching_its_journey_leaves_the_journeys_deadlines_on_the_real_clock()
    {
        // Sent 24 s before the engine ran the journey's first turn (a backlog, an engine still starting).
        var engine = AtUtc("2025-03-05", 10);
        var ctx = new FakeJourneyContext(_j.Id, engine) { TimerBudget = 0 };
        ctx.Inbox.Add(_j.Sentence());
        ctx.Stamps[1] = InstantPattern.ExtendedIso.Format(Instant.FromDateTimeUtc(engine) - Duration.FromSeconds(24));
        _ = new JourneyOrchestration(_decider).RunAsync(ctx, JourneyCarry.Fresh);

        var recorded = ctx.Recorded.Single();
        Assert.Equal(Instant.FromDateTimeUtc(engine), Read(recorded.Entries[0].RecordedAt)); // decided on the engine's time
        var due = _decider.NextTimerAt(JourneyTurn.DecodeState(recorded.Snapshot.StateJson))!.Value;
        Assert.Equal(due.ToDateTimeUtc(), Assert.Single(ctx.TimersRequested)); // not 24 s after it
    }

    [Fact]
    public async Task The_journeys_time_never_goes_back_when_a_later_event_carries_an_earlier_reading()
    {
        var ctx = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05"));
        ctx.Inbox.Add(_j.Sentence());
        ctx.Inbox.Add(_j.Stamp(new ComAllocated("Sam Jones"), "allocation-1"));
        ctx.Stamps[1] = "2025-03-05T12:00:00Z";
        ctx.Stamps[2] = "2025-03-05T11:00:00Z"; // a sender whose clock is an hour behind
        await Run(ctx);
        var entries = ctx.Recorded.Single().Entries;
        Assert.Equal("2025-03-05T12:00:00Z", entries[1].RecordedAt);
    }

    [Fact]
    public async Task A_turn_whose_events_change_nothing_still_records_how_far_the_inbox_is_decided()
    {
        var first = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05"));
        first.Inbox.Add(_j.Sentence());
        await Run(first);
        var carry = Assert.IsType<JourneyCarry>(first.ContinuedWith);

        var ctx = new FakeJourneyContext(_j.Id, AtUtc("2025-03-05", 11)) { TimerBudget = 0, PendingWakes = 1 };
        ctx.Inbox.Add(first.Inbox[0]);
        ctx.Inbox.Add(first.Inbox[0]); // the same event again under another inbox place: the decider has seen its id
        await Run(ctx, carry);
        var recorded = ctx.Recorded.Single();
        Assert.Empty(recorded.Entries);
        Assert.Empty(ctx.Projected);
        Assert.Equal(2, recorded.Snapshot.Cursor);
        Assert.Equal(carry.HistorySize, recorded.Snapshot.Version);
    }
}
