using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// The journeys' decider as if the clock read <paramref name="offset"/> later: the benchmark and the engine's timer
/// tests use it to bring a real deadline (days away) to a few seconds from now, so a real durable timer on the real
/// provider can be watched firing. The offset must be fixed before any journey runs (orchestrations replay).
/// </summary>
public sealed class ShiftedClockDecider(IDecider<JourneyState, JourneyEvent, JourneyFact> inner, Duration offset)
    : IDecider<JourneyState, JourneyEvent, JourneyFact>
{
    public Duration Offset => offset;

    /// <summary>
    /// A decider whose clock makes <paramref name="fixedTimer"/> fall <paramref name="lead"/> after <paramref name="now"/>,
    /// for journeys started by <paramref name="start"/>. The timer must be one at a fixed instant (a law commencement),
    /// not a deadline, which moves with the day the sentence is decided; and it must be that journey's first timer.
    /// </summary>
    public static ShiftedClockDecider BringingNear(IDecider<JourneyState, JourneyEvent, JourneyFact> inner, JourneyEvent start,
        Instant fixedTimer, Duration lead, Instant now)
    {
        var decidedAt = fixedTimer - lead;
        var initial = inner.Initial("J-SHIFT-PROBE");
        var state = inner.Decide(initial, start, decidedAt).Facts.Aggregate(initial, inner.Evolve);
        var first = inner.OpenTimers(state).Select(t => t.DueAt).DefaultIfEmpty(Instant.MaxValue).Min();
        if (first != fixedTimer)
            throw new InvalidOperationException($"the journey's first timer is at {first}, not at {fixedTimer}: choose another sentence date");
        return new ShiftedClockDecider(inner, decidedAt - now);
    }

    public JourneyState Initial(string journeyId) => inner.Initial(journeyId);

    public Decision<JourneyFact> Decide(JourneyState state, JourneyEvent @event, Instant now) =>
        inner.Decide(state, @event, now + offset);

    public JourneyState Evolve(JourneyState state, JourneyFact fact) => inner.Evolve(state, fact);

    public IReadOnlyCollection<JourneyTimer> OpenTimers(JourneyState state) =>
        inner.OpenTimers(state).Select(t => t with { DueAt = t.DueAt - offset }).ToList();

    public JourneyEvent TimerFired(JourneyTimer timer) => inner.TimerFired(timer with { DueAt = timer.DueAt + offset });

    public bool IsEnded(JourneyState state) => inner.IsEnded(state);
}
