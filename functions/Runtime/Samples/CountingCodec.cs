using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.Runtime.Samples;

/// <summary>JSON for the counting journey. Every wire event names its person ("crn"); one without is refused.</summary>
public sealed class CountingCodec : IJourneyCodec<CountingState, CountingEvent, CountingFact>
{
    public static readonly IReadOnlyList<string> Types = ["Open", "Add", "Arm", "Disarm", "Close"];

    public EventParse<CountingEvent> ParseEvent(string type, JsonElement body)
    {
        if (!Types.Contains(type)) return EventParse<CountingEvent>.Bad($"unknown event type '{type}' (known: {string.Join(", ", Types)})");
        var crn = Text(body, "crn");
        if (crn is null) return EventParse<CountingEvent>.Bad("missing person: 'crn' is required");
        try
        {
            return EventParse<CountingEvent>.Ok(type switch
            {
                "Open" => new Open(crn),
                "Add" => new Add(crn, body.GetProperty("amount").GetInt64()),
                "Arm" => new Arm(crn, Required(body, "timerId"), InstantPattern.ExtendedIso.Parse(Required(body, "dueAt")).GetValueOrThrow()),
                "Disarm" => new Disarm(crn, Required(body, "timerId")),
                _ => new Close(crn),
            });
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or UnparsableValueException)
        {
            return EventParse<CountingEvent>.Bad($"bad {type} body: {e.Message}");
        }
    }

    public bool StartsJourney(CountingEvent @event) => @event is Open;

    public string EventType(CountingEvent @event) => @event.GetType().Name;

    public string EncodeEvent(CountingEvent @event) => (@event switch
    {
        Add a => new JsonObject { ["crn"] = a.Crn, ["amount"] = a.Amount },
        Arm a => new JsonObject { ["crn"] = a.Crn, ["timerId"] = a.TimerId, ["dueAt"] = Iso(a.DueAt) },
        Disarm d => new JsonObject { ["crn"] = d.Crn, ["timerId"] = d.TimerId },
        Elapsed e => new JsonObject { ["timerId"] = e.TimerId },
        _ => new JsonObject { ["crn"] = @event.Crn },
    }).ToJsonString();

    public string EncodeFact(CountingFact fact) => (fact switch
    {
        Opened o => new JsonObject { ["fact"] = "Opened", ["crn"] = o.Crn },
        Added a => new JsonObject { ["fact"] = "Added", ["amount"] = a.Amount, ["count"] = a.Count },
        TimerSet t => new JsonObject { ["fact"] = "TimerSet", ["timerId"] = t.TimerId, ["dueAt"] = Iso(t.DueAt) },
        TimerCancelled t => new JsonObject { ["fact"] = "TimerCancelled", ["timerId"] = t.TimerId },
        TimerElapsed t => new JsonObject { ["fact"] = "TimerElapsed", ["timerId"] = t.TimerId },
        Closed => new JsonObject { ["fact"] = "Closed" },
        Rejected r => new JsonObject { ["fact"] = "Rejected", ["reason"] = r.Reason },
        _ => throw new ArgumentOutOfRangeException(nameof(fact)),
    }).ToJsonString();

    public CountingFact DecodeFact(string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        string S(string n) => o[n]!.GetValue<string>();
        return S("fact") switch
        {
            "Opened" => new Opened(S("crn")),
            "Added" => new Added(o["amount"]!.GetValue<long>(), o["count"]!.GetValue<long>()),
            "TimerSet" => new TimerSet(S("timerId"), ParseIso(S("dueAt"))),
            "TimerCancelled" => new TimerCancelled(S("timerId")),
            "TimerElapsed" => new TimerElapsed(S("timerId")),
            "Closed" => new Closed(),
            "Rejected" => new Rejected(S("reason")),
            var f => throw new JsonException($"unknown fact '{f}'"),
        };
    }

    public string EncodeState(CountingState s)
    {
        var timers = new JsonObject();
        foreach (var (id, due) in s.Timers) timers[id] = Iso(due);
        return new JsonObject
        {
            ["journeyId"] = s.JourneyId, ["opened"] = s.Opened, ["crn"] = s.Crn, ["count"] = s.Count,
            ["trace"] = s.Trace, ["timers"] = timers, ["closed"] = s.Closed,
        }.ToJsonString();
    }

    public CountingState DecodeState(string json)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        var timers = o["timers"]!.AsObject().ToImmutableSortedDictionary(
            p => p.Key, p => ParseIso(p.Value!.GetValue<string>()), StringComparer.Ordinal);
        return new CountingState(o["journeyId"]!.GetValue<string>(), o["opened"]!.GetValue<bool>(), o["crn"]!.GetValue<string>(),
            o["count"]!.GetValue<long>(), o["trace"]!.GetValue<long>(), timers, o["closed"]!.GetValue<bool>());
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

    private static string Required(JsonElement body, string name) =>
        Text(body, name) ?? throw new FormatException($"'{name}' is required");

    private static string Iso(Instant i) => InstantPattern.ExtendedIso.Format(i);
    private static Instant ParseIso(string s) => InstantPattern.ExtendedIso.Parse(s).GetValueOrThrow();
}
