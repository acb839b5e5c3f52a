using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Orchestration.FaultHost;

/// <summary>
/// The journeys' decider with its clock stopped at <paramref name="frozenAt"/>: every event is decided at that
/// instant whatever the engine's clock says, so an in-memory run of the decider alone takes exactly the same
/// decisions. The engine still judges for itself which timers are due, so the timers are shown to it moved far away:
/// one already due at the frozen instant a thousand years into the past (it fires in the same turn), a later one a
/// thousand years into the future (it never fires while the test runs). <see cref="TimerFired"/> moves it back.
/// </summary>
public sealed class FrozenClockDecider(IDecider<JourneyState, JourneyEvent, JourneyFact> inner, Instant frozenAt)
    : IDecider<JourneyState, JourneyEvent, JourneyFact>
{
    private static readonly Duration Away = Duration.FromDays(365_000);

    public JourneyState Initial(string journeyId) => inner.Initial(journeyId);

    public Decision<JourneyFact> Decide(JourneyState state, JourneyEvent @event, Instant now) => inner.Decide(state, @event, frozenAt);

    public JourneyState Evolve(JourneyState state, JourneyFact fact) => inner.Evolve(state, fact);

    public IReadOnlyCollection<JourneyTimer> OpenTimers(JourneyState state) =>
        inner.OpenTimers(state).Select(t => t with { DueAt = t.DueAt <= frozenAt ? t.DueAt - Away : t.DueAt + Away }).ToList();

    // Real instants lie within a few centuries of the frozen one, so which way a timer was moved is never in doubt.
    public JourneyEvent TimerFired(JourneyTimer timer) =>
        inner.TimerFired(timer with { DueAt = timer.DueAt < frozenAt - Away / 2 ? timer.DueAt + Away : timer.DueAt - Away });

    public bool IsEnded(JourneyState state) => inner.IsEnded(state);
}
