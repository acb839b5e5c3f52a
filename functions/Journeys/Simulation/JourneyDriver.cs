using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Simulation;

/// <summary>
/// Runs one journey in memory, the way the durable runtime does: delivers events, fires due timers in order of their
/// instant, and (optionally) keeps the history and the commands. Used by the simulator and the scenario tests.
/// </summary>
public sealed class JourneyDriver(JourneyDecider decider, string journeyId, bool keepHistory = false)
{
    public JourneyDecider Decider { get; } = decider;
    public JourneyState State { get; private set; } = decider.Initial(journeyId);
    public List<JourneyFact>? History { get; } = keepHistory ? new() : null;
    public List<ReminderCommand>? Commands { get; } = keepHistory ? new() : null;
    public long Transitions { get; private set; }
    /// <summary>Every event delivered and when, when asked for (the benchmark replays them through Decide alone).</summary>
    public List<(JourneyEvent Event, Instant At)>? Inputs { get; init; }

    public Decision<JourneyFact> Deliver(JourneyEvent e, Instant now)
    {
        Inputs?.Add((e, now));
        var decision = Decider.Decide(State, e, now, out var next);
        State = next;
        Transitions++;
        History?.AddRange(decision.Facts);
        Commands?.AddRange(decision.Commands);
        return decision;
    }

    /// <summary>The earliest open timer, ties broken by id so runs are reproducible.</summary>
    public JourneyTimer? NextTimer()
    {
        JourneyTimer? next = null;
        foreach (var t in Decider.OpenTimers(State))
            if (next is null || t.DueAt < next.DueAt || t.DueAt == next.DueAt && string.CompareOrdinal(t.Id, next.Id) < 0) next = t;
        return next;
    }

    public Decision<JourneyFact> Fire(JourneyTimer timer) => Deliver(Decider.TimerFired(timer), timer.DueAt);

    /// <summary>Fires every timer due up to <paramref name="until"/>, each at its own instant.</summary>
    public void RunUntil(Instant until)
    {
        for (var guard = 0; guard < 100_000; guard++)
        {
            if (Decider.NextTimerAt(State) is not { } at || at > until) return;
            Fire(NextTimer()!);
        }
        throw new InvalidOperationException($"journey {State.JourneyId}: timers keep firing without end");
    }

    /// <summary>Fires timers up to <paramref name="at"/>, then delivers the event at that instant.</summary>
    public Decision<JourneyFact> DeliverAt(JourneyEvent e, Instant at)
    {
        RunUntil(at);
        return Deliver(e with { OccurredAt = at }, at);
    }
}
