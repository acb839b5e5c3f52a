using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.Runtime.Tests.FaultTest;

public sealed record ScriptedMessage(string EventId, string JourneyId, string Type, JsonObject Body)
{
    public string Text => EventEnvelope.Write(EventId, JourneyId, Type, Body);
}

/// <summary>
/// The fault test's traffic, generated from a seed: for each journey, a list of steps, each one event and perhaps
/// copies of it or of the journey's earlier events. The harness sends a journey's next step only once its previous one
/// has been applied, so each journey's order is fixed however the queue delivers, while all journeys run at once.
/// The steps hold early events before the start, duplicates, timers already due (they fire before the step counts as
/// done), far-future timers set, moved and cancelled, closes, and events after the close.
/// </summary>
public static class FaultScript
{
    public static readonly Instant PastDue = Instant.FromUtc(2020, 1, 1, 0, 0);
    public static readonly Instant FarFuture = Instant.FromUtc(2100, 1, 1, 0, 0);
    public const int Steps = 13;

    /// <summary>Messages that must end in the dead-letter queue, with a phrase their reason must contain.</summary>
    public static IReadOnlyList<(string Text, string Reason)> BadMessages { get; } =
    [
        ("{ this is not json", "not JSON"),
        (EventEnvelope.Write("bad-type", "J-0000", "Teleported", new JsonObject { ["crn"] = "X0" }), "unknown event type"),
        (EventEnvelope.Write("bad-person", "J-0001", "Add", new JsonObject { ["amount"] = 1 }), "missing person"),
        (EventEnvelope.Write("bad-size", "J-0002", "Add", new JsonObject { ["crn"] = "X2", ["amount"] = 1, ["pad"] = new string('x', 40_000) }), "oversized"),
    ];

    /// <summary>[journey][step] = the messages of that step (possibly none).</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<ScriptedMessage>>> Journeys(int journeys, int seed)
    {
        var random = new Random(seed);
        var result = new List<IReadOnlyList<IReadOnlyList<ScriptedMessage>>>();
        for (var j = 0; j < journeys; j++)
        {
            var id = $"J-{j:D4}";
            var counter = 0;
            ScriptedMessage M(string type, JsonObject body) => new($"{id}-ev{++counter:D2}", id, type, body);
            JsonObject Crn() => new() { ["crn"] = $"X{j:D4}" };
            JsonObject With(string name, JsonNode value) { var b = Crn(); b[name] = value; return b; }
            var sent = new List<ScriptedMessage>();
            var steps = new List<IReadOnlyList<ScriptedMessage>>();
            for (var w = 0; w < Steps; w++)
            {
                ScriptedMessage? e = null;
                switch (w)
                {
                    case 0 or 1:
                        if (random.NextDouble() < 0.3) e = M("Add", With("amount", random.Next(1, 10)));
                        break;
                    case 2:
                        e = M("Open", Crn());
                        break;
                    case 11 when j % 2 == 0:
                        e = M("Close", Crn());
                        break;
                    default:
                        var roll = random.NextDouble();
                        if (roll < 0.5) e = M("Add", With("amount", random.Next(1, 10)));
                        else if (roll < 0.7)
                        {
                            var b = With("timerId", $"p{w}");
                            b["dueAt"] = InstantPattern.ExtendedIso.Format(PastDue + Duration.FromMinutes(w));
                            e = M("Arm", b);
                        }
                        else if (roll < 0.85)
                        {
                            var b = With("timerId", "f");
                            b["dueAt"] = InstantPattern.ExtendedIso.Format(FarFuture + Duration.FromDays(w));
                            e = M("Arm", b);
                        }
                        else e = M("Disarm", With("timerId", "f"));
                        break;
                }
                var step = new List<ScriptedMessage>();
                if (e is not null) step.Add(e);
                // Duplicates: a copy of this event (sent twice) or of an earlier one (redelivered late).
                if (e is not null && random.NextDouble() < 0.05) step.Add(e);
                if (sent.Count > 0 && random.NextDouble() < 0.17) step.Add(sent[random.Next(sent.Count)]);
                if (e is not null) sent.Add(e);
                steps.Add(step);
            }
            result.Add(steps);
        }
        return result;
    }
}
