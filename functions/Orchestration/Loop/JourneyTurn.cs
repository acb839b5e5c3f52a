using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// The pure part of one execution: the events read from the inbox and the timers due now go through the decider in
/// order; what they decided is collected as history entries (one per event that produced facts) and reminder
/// commands for the activities to carry out. No I/O and no clock: "now" is given (the orchestration's own time).
/// </summary>
public sealed class JourneyTurn(IDecider<JourneyState, JourneyEvent, JourneyFact> decider, JourneyState state, long historySize)
{
    /// <summary>Bounds the timers fired in one turn (each firing moves its timer on; this only stops a faulty decider).</summary>
    private const int MaxTimerFirings = 500;

    public JourneyState State { get; private set; } = state;
    public long HistorySize { get; private set; } = historySize;
    public List<HistoryEntry> Entries { get; } = [];
    public List<ReminderCommand> Commands { get; } = [];
    public bool Changed => Entries.Count > 0;

    public static JourneyTurn Resume(IDecider<JourneyState, JourneyEvent, JourneyFact> decider, string journeyId, JourneyCarry carry) =>
        new(decider, carry.StateJson is { } json ? DecodeState(json) : decider.Initial(journeyId), carry.HistorySize);

    /// <summary>Decides one event from the inbox. An event the decider has handled before produces nothing.</summary>
    public void Apply(JourneyEvent e, Instant now) => Decide(e, now, "inbox");

    /// <summary>
    /// Fires every open timer that is due at <paramref name="now"/>, earliest first (firing one may open another that
    /// is also due, e.g. the next reminder of a long-overdue task). A timer not yet due is never fired.
    /// </summary>
    public void FireDueTimers(Instant now)
    {
        var fired = new HashSet<(string, Instant)>();
        for (var i = 0; i < MaxTimerFirings; i++)
        {
            JourneyTimer? next = null;
            foreach (var t in decider.OpenTimers(State))
                if (t.DueAt <= now && !fired.Contains((t.Id, t.DueAt)) && (next is null || t.DueAt < next.DueAt)) next = t;
            if (next is null) return;
            fired.Add((next.Id, next.DueAt));
            Decide(decider.TimerFired(next), now, "timer");
        }
    }

    /// <summary>The earliest open timer, the instant the journey must next act on its own; null if none.</summary>
    public Instant? NextTimer()
    {
        Instant? next = null;
        foreach (var t in decider.OpenTimers(State))
            if (next is null || t.DueAt < next) next = t.DueAt;
        return next;
    }

    public bool Ended => decider.IsEnded(State);

    /// <summary>The state to record, with how far the inbox has been decided and when the journey next acts by itself.</summary>
    public JourneySnapshot Snapshot(string journeyId, long cursor) =>
        new(journeyId, HistorySize, EncodeState(State), Ended, cursor, NextTimer() is { } next ? InstantPattern.ExtendedIso.Format(next) : null);

    private void Decide(JourneyEvent e, Instant now, string source)
    {
        var decision = decider.Decide(State, e, now);
        if (decision.Facts.Count == 0 && decision.Commands.Count == 0) return;
        foreach (var f in decision.Facts) State = decider.Evolve(State, f);
        HistorySize++;
        Entries.Add(new HistoryEntry(HistorySize, e.EventId, e.Kind, source,
            JsonSerializer.Serialize(e, JourneyJson.Options),
            JsonSerializer.Serialize(decision.Facts, JourneyJson.Options),
            InstantPattern.ExtendedIso.Format(now)));
        Commands.AddRange(decision.Commands);
    }

    public static string EncodeState(JourneyState s) => JsonSerializer.Serialize(s, JourneyJson.Options);

    public static JourneyState DecodeState(string json) =>
        JsonSerializer.Deserialize<JourneyState>(json, JourneyJson.Options) ?? throw new JsonException("empty journey state");

    public static JourneyEvent DecodeEvent(string json) =>
        JsonSerializer.Deserialize<JourneyEvent>(json, JourneyJson.Options) ?? throw new JsonException("empty journey event");
}
