using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using Xunit;

namespace ShortSentences.Journeys.Tests.Properties;

/// <summary>
/// Properties over journeys the simulator generates from a seed FsCheck chooses (a fixed replay seed keeps CI stable),
/// with the feed made worse: every event sent twice, and some neighbouring events swapped so they arrive out of order.
/// </summary>
public class JourneyProperties
{
    private static readonly JourneyDecider Decider = new();
    private static readonly Config Fixed = Config.QuickThrowOnFailure.WithMaxTest(40)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(20261122UL), FSharpOption<int>.None)));

    private static List<(string JourneyId, List<(JourneyEvent Event, Instant At)> Inputs)> Journeys(int seed) =>
        CohortSimulator.RecordInputs(new SimulationOptions(1, (ulong)seed, new LocalDate(2025, 1, 1), new LocalDate(2026, 12, 31),
            LawBook.EnglandAndWales, "as-in-force"), 1);

    /// <summary>Swaps some neighbouring external events (seeded), as real feeds deliver them out of order.</summary>
    private static List<(JourneyEvent Event, Instant At)> Disorder(List<(JourneyEvent Event, Instant At)> inputs, int seed)
    {
        var rng = new Random(seed);
        var copy = inputs.ToList();
        for (var i = 1; i < copy.Count; i++)
            if (copy[i].Event is not TimerDue && copy[i - 1].Event is not TimerDue && rng.NextDouble() < 0.2)
                (copy[i - 1], copy[i]) = ((copy[i].Event, copy[i - 1].At), (copy[i - 1].Event, copy[i].At));
        return copy;
    }

    private static string Json(object state) => JsonSerializer.Serialize(state, JourneyJson.Options);

    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, 1_000_000));

    [Fact]
    public void Replaying_a_journeys_history_through_Evolve_gives_the_same_state()
    {
        Check.One(Fixed, Prop.ForAll(Seeds, seed =>
        {
            foreach (var (id, inputs) in Journeys(seed))
            {
                var driver = new JourneyDriver(Decider, id, keepHistory: true);
                foreach (var (e, at) in Disorder(inputs, seed)) { driver.RunUntil(at); driver.Deliver(e, at); }
                var replayed = driver.History!.Aggregate(Decider.Initial(id), Decider.Evolve);
                Assert.Equal(Json(driver.State), Json(replayed));
            }
        }));
    }

    [Fact]
    public void No_deadline_or_timer_is_left_open_once_a_journey_has_ended()
    {
        Check.One(Fixed, Prop.ForAll(Seeds, seed =>
        {
            foreach (var (id, inputs) in Journeys(seed))
            {
                var driver = new JourneyDriver(Decider, id);
                foreach (var (e, at) in Disorder(inputs, seed))
                {
                    driver.RunUntil(at);
                    driver.Deliver(e, at);
                    if (!Decider.IsEnded(driver.State)) continue;
                    Assert.Empty(driver.State.Deadlines);
                    Assert.Empty(Decider.OpenTimers(driver.State));
                }
                driver.RunUntil(Instant.FromUtc(2030, 1, 1, 0, 0));
                // Licence and PSS end by the clock alone; custody and court stages wait for their events.
                Assert.False(driver.State.InCommunity, $"{id} still {driver.State.Stage} in 2030");
                if (Decider.IsEnded(driver.State)) Assert.Empty(driver.State.Deadlines);
            }
        }));
    }

    [Fact]
    public void A_duplicate_event_is_a_no_op_and_no_new_event_is_dropped_silently()
    {
        Check.One(Fixed, Prop.ForAll(Seeds, seed =>
        {
            foreach (var (id, inputs) in Journeys(seed))
            {
                var driver = new JourneyDriver(Decider, id);
                foreach (var (e, at) in Disorder(inputs, seed))
                {
                    driver.RunUntil(at);
                    var fresh = e is not TimerDue && !driver.State.Handled.Contains(e.EventId);
                    var decision = driver.Deliver(e, at);
                    if (fresh) Assert.NotEmpty(decision.Facts);
                    var before = driver.State;
                    Assert.Same(Decision<JourneyFact>.Nothing, driver.Deliver(e, at.Plus(Duration.FromMinutes(45))));
                    Assert.Same(before, driver.State);
                }
            }
        }));
    }
}
