using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Journeys.Rules;

/// <summary>
/// The working area of one Decide call: facts are folded into <see cref="State"/> as they are recorded, so later rules
/// in the same step see their effect (e.g. events parked before the sentence, applied once the journey has started).
/// </summary>
internal sealed class Step(JourneyState state, string eventId, Instant now, LocalDate today)
{
    public JourneyState State { get; private set; } = state;
    public string EventId { get; set; } = eventId;
    public Instant Now { get; } = now;
    public LocalDate Today { get; } = today;
    /// <summary>The day what is being decided happened (the event's own date; a commencement's while the law is applied).</summary>
    public LocalDate Day { get; set; } = today;
    public List<JourneyFact> Facts { get; } = new(4);
    public List<ReminderCommand> Commands { get; } = new(0);

    public void Add(JourneyFact fact)
    {
        fact = fact with { EventId = EventId, At = Now, OccurredOn = Day };
        Facts.Add(fact);
        State = JourneyEvolution.Apply(State, fact);
    }

    public void Reject(string eventType, string reason) => Add(new EventRejected(eventType, reason));

    public Decision<JourneyFact> ToDecision() => Facts.Count == 0 && Commands.Count == 0
        ? Decision<JourneyFact>.Nothing
        : new Decision<JourneyFact>(Facts, Commands);
}
