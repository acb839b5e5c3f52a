using System.Collections.Immutable;
using NodaTime;
using ShortSentences.Journeys.Durable;

namespace ShortSentences.Runtime.Samples;

/// <summary>
/// A small journey that exercises everything the runtime offers (start event, parked early events, timers set, moved,
/// cancelled and fired, reminders, an end). The runtime's tests, its fault test and `./journeys bench` run it, so the
/// runtime is proved without the real probation journey; that one plugs in the same way.
/// </summary>
public sealed record CountingState(
    string JourneyId, bool Opened, string Crn, long Count, long Trace,
    ImmutableSortedDictionary<string, Instant> Timers, bool Closed);

public abstract record CountingEvent(string Crn);
public sealed record Open(string Crn) : CountingEvent(Crn);
public sealed record Add(string Crn, long Amount) : CountingEvent(Crn);
public sealed record Arm(string Crn, string TimerId, Instant DueAt) : CountingEvent(Crn);
public sealed record Disarm(string Crn, string TimerId) : CountingEvent(Crn);
public sealed record Close(string Crn) : CountingEvent(Crn);
public sealed record Elapsed(string TimerId) : CountingEvent("");

public abstract record CountingFact;
public sealed record Opened(string Crn) : CountingFact;
public sealed record Added(long Amount, long Count) : CountingFact;
public sealed record TimerSet(string TimerId, Instant DueAt) : CountingFact;
public sealed record TimerCancelled(string TimerId) : CountingFact;
public sealed record TimerElapsed(string TimerId) : CountingFact;
public sealed record Closed : CountingFact;
public sealed record Rejected(string Reason) : CountingFact;

public sealed class CountingDecider : IDecider<CountingState, CountingEvent, CountingFact>
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public CountingState Initial(string journeyId) =>
        new(journeyId, false, "", 0, 17, ImmutableSortedDictionary<string, Instant>.Empty.WithComparers(StringComparer.Ordinal), false);

    public Decision<CountingFact> Decide(CountingState state, CountingEvent @event, Instant now)
    {
        if (state.Closed) return Facts(new Rejected($"journey closed; {@event.GetType().Name} ignored"));
        return @event switch
        {
            Open o when state.Opened => Facts(new Rejected($"already opened for {state.Crn}")),
            Open o => Facts(new Opened(o.Crn)),
            _ when !state.Opened => Facts(new Rejected("not opened")),
            Add a => new Decision<CountingFact>([new Added(a.Amount, state.Count + a.Amount)],
                a.Amount % 3 == 0 ? [Reminder(state, $"add/{state.Count + a.Amount}", now)] : []),
            Arm a => Facts(new TimerSet(a.TimerId, a.DueAt)),
            Disarm d when state.Timers.ContainsKey(d.TimerId) => Facts(new TimerCancelled(d.TimerId)),
            Disarm d => Facts(new Rejected($"no timer {d.TimerId}")),
            Elapsed e when state.Timers.ContainsKey(e.TimerId) =>
                new Decision<CountingFact>([new TimerElapsed(e.TimerId)], [Reminder(state, $"timer/{e.TimerId}", now)]),
            Elapsed e => Facts(new Rejected($"timer {e.TimerId} not open")),
            Close => Facts(new Closed()),
            _ => Facts(new Rejected($"unexpected {@event.GetType().Name}")),
        };
    }

    public CountingState Evolve(CountingState state, CountingFact fact) => fact switch
    {
        Opened o => state with { Opened = true, Crn = o.Crn, Trace = Mix(state.Trace, 1) },
        Added a => state with { Count = a.Count, Trace = Mix(state.Trace, a.Amount) },
        TimerSet t => state with { Timers = state.Timers.SetItem(t.TimerId, t.DueAt), Trace = Mix(state.Trace, 2) },
        TimerCancelled t => state with { Timers = state.Timers.Remove(t.TimerId), Trace = Mix(state.Trace, 3) },
        TimerElapsed t => state with { Timers = state.Timers.Remove(t.TimerId), Trace = Mix(state.Trace, 4) },
        Closed => state with { Closed = true, Timers = state.Timers.Clear(), Trace = Mix(state.Trace, 5) },
        Rejected => state with { Trace = Mix(state.Trace, 6) },
        _ => state,
    };

    public IReadOnlyCollection<JourneyTimer> OpenTimers(CountingState state) =>
        state.Timers.Select(t => new JourneyTimer(t.Key, t.Value)).ToList();

    public CountingEvent TimerFired(JourneyTimer timer) => new Elapsed(timer.Id);

    public bool IsEnded(CountingState state) => state.Closed;

    // Order-sensitive, so two histories with the same events in another order give different states.
    private static long Mix(long trace, long value) => unchecked(trace * 1_000_003 + value);

    private static Decision<CountingFact> Facts(CountingFact fact) => new([fact], []);

    private static ReminderCommand Reminder(CountingState state, string what, Instant now) => new(
        $"{state.JourneyId}/{what}", state.JourneyId, state.Crn, what, "counting", ReminderKind.DueToday,
        RecipientRole.Com, $"com-{state.Crn}@example.gov.uk", "PDU1", now.InZone(London).Date, $"counting journey: {what}", now);
}
