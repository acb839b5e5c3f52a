using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Simulation;
using ShortSentences.Journeys.Stages;
using Xunit;

namespace ShortSentences.Journeys.Tests.Json;

public class JourneyJsonTests
{
    private static readonly JsonSerializerOptions O = JourneyJson.Options;

    /// <summary>Histories and inputs of a simulated cohort: every event and fact type the journeys produce in practice.</summary>
    private static readonly Lazy<(List<JourneyEvent> Events, List<JourneyFact> Facts, List<JourneyState> States)> Cohort = new(() =>
    {
        var events = new List<JourneyEvent>();
        var facts = new List<JourneyFact>();
        var states = new List<JourneyState>();
        var decider = new Rules.JourneyDecider();
        foreach (var (id, inputs) in CohortSimulator.RecordInputs(new SimulationOptions(300, 5, new LocalDate(2025, 1, 1), new LocalDate(2026, 12, 31), LawBook.EnglandAndWales, "as-in-force"), 300))
        {
            var driver = new JourneyDriver(decider, id, keepHistory: true);
            foreach (var (e, at) in inputs) { driver.RunUntil(at); driver.Deliver(e, at); events.Add(e); }
            facts.AddRange(driver.History!);
            states.Add(driver.State);
        }
        return (events, facts, states);
    });

    private static void RoundTrips<T>(T value)
    {
        var json = JsonSerializer.Serialize(value, O);
        var back = JsonSerializer.Deserialize<T>(json, O);
        Assert.Equal(json, JsonSerializer.Serialize(back, O));
    }

    [Fact]
    public void Every_event_and_fact_type_has_a_stable_discriminator()
    {
        foreach (var (baseType, assemblyTypes) in new[] { (typeof(JourneyEvent), typeof(JourneyEvent).Assembly.GetTypes()), (typeof(JourneyFact), typeof(JourneyFact).Assembly.GetTypes()) })
        {
            var declared = baseType.GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
            var concrete = assemblyTypes.Where(t => t.IsSubclassOf(baseType) && !t.IsAbstract);
            Assert.All(concrete, t => Assert.Contains(t, declared));
        }
    }

    [Fact]
    public void Events_facts_and_states_of_a_simulated_cohort_round_trip_through_JSON()
    {
        var (events, facts, states) = Cohort.Value;
        foreach (var e in events) RoundTrips(e);
        foreach (var f in facts) RoundTrips(f);
        foreach (var s in states) RoundTrips(s);
        var factTypes = facts.Select(f => f.GetType()).ToHashSet();
        // The cohort exercises most of the fact types; the scenario tests cover the rest.
        Assert.True(factTypes.Count >= 20, $"only {factTypes.Count} fact types seen");
    }

    [Fact]
    public void A_term_of_several_sentences_round_trips_and_replaying_its_history_rebuilds_its_state()
    {
        var s = new Scenarios.Scenario();
        s.On("2026-11-02", s.Sentence("2026-11-02", months: 6));
        var added = s.Added("S2", "2026-11-16", months: 4, consecutiveTo: "S1");
        s.On("2026-11-16", added);
        s.On("2026-11-20", s.Added("S3", "2026-11-20", months: 2, concurrentWith: "S2"));
        Assert.Contains(s.History, f => f is SentenceJoined);

        RoundTrips<JourneyEvent>(s.Stamp(added));
        foreach (var f in s.History) RoundTrips(f);
        RoundTrips(s.State);
        var json = JsonSerializer.Serialize<JourneyEvent>(s.Stamp(added), O);
        Assert.Contains("\"type\":\"sentence-added\"", json);
        Assert.Contains("\"consecutiveTo\":[\"S1\"]", json);

        var decider = new Rules.JourneyDecider();
        var replayed = s.History.Aggregate(decider.Initial(s.State.JourneyId), decider.Evolve);
        Assert.Equal(JsonSerializer.Serialize(s.State, O), JsonSerializer.Serialize(replayed, O));
        Assert.Equal(["S1", "S2", "S3"], replayed.Sentences.Select(x => x.SentenceId));
    }

    [Fact]
    public void A_parked_event_keeps_its_type_inside_the_fact_and_the_state()
    {
        var parked = new EventParked(new ReceivedIntoCustody(new LocalDate(2025, 3, 3), "HMP Durham", "North East") { EventId = "r1", Crn = "X1" }) { EventId = "r1" };
        var json = JsonSerializer.Serialize<JourneyFact>(parked, O);
        Assert.Contains("\"type\":\"event-parked\"", json);
        Assert.Contains("\"type\":\"received-into-custody\"", json);
        var back = Assert.IsType<EventParked>(JsonSerializer.Deserialize<JourneyFact>(json, O));
        Assert.Equal(parked.Event, back.Event);
    }

    [Fact]
    public void Dates_are_ISO_and_instants_accept_an_offset()
    {
        var e = new Released(new LocalDate(2026, 3, 18)) { EventId = "e1", OccurredAt = Instant.FromUtc(2026, 3, 18, 10, 0) };
        var json = JsonSerializer.Serialize<JourneyEvent>(e, O);
        Assert.Contains("\"on\":\"2026-03-18\"", json);
        Assert.Contains("\"occurredAt\":\"2026-03-18T10:00:00Z\"", json);
        var offset = json.Replace("2026-03-18T10:00:00Z", "2026-03-18T11:00:00+01:00");
        Assert.Equal(e, JsonSerializer.Deserialize<JourneyEvent>(offset, O));
    }

    [Fact]
    public void A_bad_date_is_a_clear_error()
    {
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<JourneyEvent>("{\"type\":\"released\",\"eventId\":\"e\",\"on\":\"18/03/2026\"}", O));
        Assert.Contains("18/03/2026", ex.Message);
    }
}
