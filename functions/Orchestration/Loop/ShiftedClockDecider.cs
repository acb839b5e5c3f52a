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

    public JourneyState Initial(string journeyId) => inner.Initial(journeyId);

    public Decision<JourneyFact> Decide(JourneyState state, JourneyEvent @event, Instant now) =>
        inner.Decide(state, @event, now + offset);

    public JourneyState Evolve(JourneyState state, JourneyFact fact) => inner.Evolve(state, fact);

    public IReadOnlyCollection<JourneyTimer> OpenTimers(JourneyState state) =>
        inner.OpenTimers(state).Select(t => t with { DueAt = t.DueAt - offset }).ToList();

    public JourneyEvent TimerFired(JourneyTimer timer) => inner.TimerFired(timer with { DueAt = timer.DueAt + offset });

    public bool IsEnded(JourneyState state) => inner.IsEnded(state);
}
