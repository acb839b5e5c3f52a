using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;

namespace ShortSentences.Orchestration.Tests.Faults;

/// <summary>
/// One journey's traffic in the order it is sent: its events, some sent twice (the same event id); and the probe, one
/// more event sent once the faults are over, which a journey whose orchestration no longer moves would never take.
/// </summary>
public sealed record ScriptedJourney(string JourneyId, IReadOnlyList<JourneyEvent> Sends, JourneyEvent Probe)
{
    /// <summary>The events as the journey's inbox must hold them: each event id once, at its first sending.</summary>
    public IReadOnlyList<JourneyEvent> Unique => Sends.DistinctBy(e => e.EventId).ToList();
}

/// <summary>
/// The fault test's traffic, from a seed: real journeys from the cohort simulator (sentences, custody, releases,
/// supervision, breaches and recalls, with the simulator's own repeats and receptions before the sentence), taken up
/// to <see cref="MaxEventsPerJourney"/> events each and made worse: in a third of the journeys the sentence is sent
/// after the person's first events (events before their journey), and about one event in ten is sent again later
/// with the same event id. Every event happened by <see cref="To"/>; the journeys decide all of them at
/// <see cref="FrozenAt"/>, the next midnight, so every deadline the events leave behind is already due.
/// </summary>
public static class FaultScript
{
    public static readonly LocalDate From = new(2025, 1, 1), To = new(2025, 12, 28);
    public static Instant FrozenAt => To.PlusDays(1).AtStartOfDayInZone(JourneyDecider.London).ToInstant();
    public const int MaxEventsPerJourney = 11;

    public static IReadOnlyList<ScriptedJourney> Build(int journeys, int seed)
    {
        var random = new Random(seed);
        var streams = CohortSimulator.RecordInputs(new SimulationOptions(journeys, (ulong)seed, From, To, LawBook.EnglandAndWales, "as-in-force"), journeys);
        var script = new List<ScriptedJourney>();
        foreach (var (id, inputs) in streams.Take(journeys))
        {
            var events = inputs.Select(i => i.Event).Where(e => e is not TimerDue).ToList();
            var unique = events.DistinctBy(e => e.EventId).Take(MaxEventsPerJourney).Select(e => e.EventId).ToHashSet();
            var sends = events.Where(e => unique.Contains(e.EventId)).ToList();
            var sentence = sends.FindIndex(e => e is SentenceRecorded);
            if (sentence >= 0 && random.NextDouble() < 1.0 / 3)
            {
                var moved = sends[sentence];
                sends.RemoveAt(sentence);
                sends.Insert(Math.Min(sends.Count, sentence + random.Next(1, 4)), moved);
            }
            for (var i = sends.Count - 1; i >= 0; i--)
                if (random.NextDouble() < 0.1) sends.Insert(random.Next(i + 1, sends.Count + 1), sends[i]);
            var probe = new CrsReferralSent("probe", Pathway.Accommodation) { EventId = $"{id}#probe", Crn = sends[0].Crn, SentenceId = sends[0].SentenceId };
            script.Add(new ScriptedJourney(id, sends, probe));
        }
        return script;
    }
}
