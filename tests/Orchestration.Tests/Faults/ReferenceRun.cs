using System.Text.Json;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Tests.Faults;

/// <summary>A history entry as the reference expects it (everything but when it was recorded: that is the engine's clock).</summary>
public sealed record ReferenceEntry(long Seq, string EventId, string EventType, string Source, string EventJson, string FactsJson)
{
    public static ReferenceEntry Of(HistoryEntry e) => new(e.Seq, e.EventId, e.EventType, e.Source, e.EventJson, e.FactsJson);
}

/// <summary>
/// One journey run through the decider alone, in memory, with no engine, storage or failures: its inbox's events in
/// order, each decided at the frozen instant, and after each turn every timer then due, earliest first, as the
/// journey's rules say (docs/durable.md, "The loop"). An event or timer that decides nothing leaves no entry.
/// <para>
/// Which events share a turn is the engine's choice (a turn takes what the inbox holds when it reads it, at most
/// 20), and it shows: a timer due after the first event of a turn fires after its last. So the reference ends its
/// turns where the recorded history shows the engine's timers firing, and after the last event. A turn end with no timer due changes
/// nothing, so those need not be known. Everything else is the reference's own: every event exactly once and in
/// inbox order, every fact, every timer due at a turn's end fired and none that is not, every reminder command.
/// Once a turn leaves the journey ended it takes nothing more (its orchestration completes); events after that stay
/// in the inbox, undecided.
/// </para>
/// </summary>
public sealed class ReferenceRun
{
    private readonly IDecider<JourneyState, JourneyEvent, JourneyFact> _decider;
    private readonly Instant _at;
    private readonly IReadOnlyList<HistoryEntry> _recorded;

    public JourneyState State { get; private set; }
    public List<ReferenceEntry> History { get; } = [];
    public List<ReminderCommand> Commands { get; } = [];
    /// <summary>Inbox events never decided because the journey had ended before their turn.</summary>
    public int UndecidedAfterEnd { get; private set; }
    public int TimersFired { get; private set; }

    private ReferenceRun(IDecider<JourneyState, JourneyEvent, JourneyFact> decider, string journeyId, Instant at, IReadOnlyList<HistoryEntry> recorded)
    {
        _decider = decider;
        _at = at;
        _recorded = recorded;
        State = decider.Initial(journeyId);
    }

    /// <summary>The journey's <paramref name="inbox"/> decided at <paramref name="at"/>, its turns ending where <paramref name="recorded"/> shows timers.</summary>
    public static ReferenceRun Of(IDecider<JourneyState, JourneyEvent, JourneyFact> decider, string journeyId, Instant at,
        IReadOnlyList<JourneyEvent> inbox, IReadOnlyList<HistoryEntry> recorded)
    {
        var run = new ReferenceRun(decider, journeyId, at, recorded);
        for (var i = 0; i < inbox.Count; i++)
        {
            // An ended journey decides the rest of its turn (the recorded history shows how far that went), then stops.
            if (decider.IsEnded(run.State) && run.Recorded()?.EventId != inbox[i].EventId)
            {
                run.UndecidedAfterEnd = inbox.Count - i;
                return run;
            }
            run.Decide(inbox[i], "inbox");
            if (run.Recorded()?.Source == "timer") run.FireDueTimers();
        }
        run.FireDueTimers();
        return run;
    }

    /// <summary>The recorded entry where the reference's next one would go (null past the recorded history's end).</summary>
    private HistoryEntry? Recorded() => History.Count < _recorded.Count ? _recorded[History.Count] : null;

    private void FireDueTimers()
    {
        var fired = new HashSet<(string, Instant)>();
        while (true)
        {
            JourneyTimer? next = null;
            foreach (var t in _decider.OpenTimers(State))
                if (t.DueAt <= _at && !fired.Contains((t.Id, t.DueAt)) && (next is null || t.DueAt < next.DueAt)) next = t;
            if (next is null) return;
            fired.Add((next.Id, next.DueAt));
            TimersFired++;
            Decide(_decider.TimerFired(next), "timer");
        }
    }

    private void Decide(JourneyEvent e, string source)
    {
        var decision = _decider.Decide(State, e, _at);
        if (decision.Facts.Count == 0 && decision.Commands.Count == 0) return;
        foreach (var f in decision.Facts) State = _decider.Evolve(State, f);
        History.Add(new ReferenceEntry(History.Count + 1, e.EventId, e.Kind, source,
            JsonSerializer.Serialize(e, JourneyJson.Options), JsonSerializer.Serialize(decision.Facts, JourneyJson.Options)));
        Commands.AddRange(decision.Commands);
    }
}
