using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.Runtime.Tests.FaultTest;

public sealed record ScriptedMessage(string EventId, string JourneyId, string Type, JsonObject Body)
{
    public string Text => EventEnvelope.Write(EventId, JourneyId, Type, Body);
}

/// <summary>
/// The fault test's traffic, generated from a seed: waves of events, one event per journey per wave (so each journey's
/// order is fixed however the queue delivers), with early events before the start, duplicates from earlier waves and
/// within a wave, timers already due (they fire between waves), far-future timers set, moved and cancelled, closes,
/// and events after the close. The harness sends a wave only when the previous one has been applied everywhere.
/// </summary>
public static class FaultScript
{
    public static readonly Instant PastDue = Instant.FromUtc(2020, 1, 1, 0, 0);
    public static readonly Instant FarFuture = Instant.FromUtc(2100, 1, 1, 0, 0);

    /// <summary>Messages that must end in the dead-letter queue, with a phrase their reason must contain.</summary>
    public static IReadOnlyList<(string Text, string Reason)> BadMessages { get; } =
    [
        ("{ this is not json", "not JSON"),
        (EventEnvelope.Write("bad-type", "J-0000", "Teleported", new JsonObject { ["crn"] = "X0" }), "unknown event type"),
        (EventEnvelope.Write("bad-person", "J-0001", "Add", new JsonObject { ["amount"] = 1 }), "missing person"),
        (EventEnvelope.Write("bad-size", "J-0002", "Add", new JsonObject { ["crn"] = "X2", ["amount"] = 1, ["pad"] = new string('x', 40_000) }), "oversized"),
    ];

    public static IReadOnlyList<IReadOnlyList<ScriptedMessage>> Waves(int journeys, int seed)
    {
        var random = new Random(seed);
        var waves = new List<List<ScriptedMessage>>();
        var sent = new List<ScriptedMessage>();
        var counter = 0;
        ScriptedMessage M(int j, string type, JsonObject body) =>
            new($"ev-{++counter:D6}", $"J-{j:D4}", type, body);
        JsonObject Crn(int j) => new() { ["crn"] = $"X{j:D4}" };
        JsonObject With(int j, string name, JsonNode value) { var b = Crn(j); b[name] = value; return b; }

        for (var w = 0; w <= 12; w++)
        {
            var wave = new List<ScriptedMessage>();
            for (var j = 0; j < journeys; j++)
            {
                switch (w)
                {
                    case 0 or 1:
                        if (random.NextDouble() < 0.3) wave.Add(M(j, "Add", With(j, "amount", random.Next(1, 10))));
                        break;
                    case 2:
                        wave.Add(M(j, "Open", Crn(j)));
                        break;
                    case 11 when j % 2 == 0:
                        wave.Add(M(j, "Close", Crn(j)));
                        break;
                    default:
                        var roll = random.NextDouble();
                        if (roll < 0.5) wave.Add(M(j, "Add", With(j, "amount", random.Next(1, 10))));
                        else if (roll < 0.7)
                        {
                            var b = With(j, "timerId", $"p{w}");
                            b["dueAt"] = InstantPattern.ExtendedIso.Format(PastDue + Duration.FromMinutes(w));
                            wave.Add(M(j, "Arm", b));
                        }
                        else if (roll < 0.85)
                        {
                            var b = With(j, "timerId", "f");
                            b["dueAt"] = InstantPattern.ExtendedIso.Format(FarFuture + Duration.FromDays(w));
                            wave.Add(M(j, "Arm", b));
                        }
                        else wave.Add(M(j, "Disarm", With(j, "timerId", "f")));
                        break;
                }
            }
            var fresh = wave.ToList();
            // Duplicates: copies of earlier events (redelivered by the sender) and of this wave's own events.
            if (sent.Count > 0)
                for (var i = 0; i < fresh.Count / 6; i++) wave.Add(sent[random.Next(sent.Count)]);
            for (var i = 0; i < fresh.Count / 20; i++) wave.Add(fresh[random.Next(fresh.Count)]);
            sent.AddRange(fresh);
            waves.Add(Shuffle(wave, random));
        }
        return waves;
    }

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        var a = items.ToArray();
        random.Shuffle(a);
        return [.. a];
    }
}
