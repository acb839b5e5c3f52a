using System.Text.Json;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Runtime;

namespace ShortSentences.App.Journeys;

/// <summary>The journeys' JSON (JourneyJson: stable "type" discriminators) as the durable runtime stores it.</summary>
public sealed class JourneyCodec : IJourneyCodec<JourneyState, JourneyEvent, JourneyFact>
{
    private static JsonSerializerOptions Json => JourneyJson.Options;

    public EventParse<JourneyEvent> ParseEvent(string type, JsonElement body)
    {
        try
        {
            var e = body.Deserialize<JourneyEvent>(Json);
            if (e is null) return EventParse<JourneyEvent>.Bad("the event body is empty");
            return e.Kind == type ? EventParse<JourneyEvent>.Ok(e) : EventParse<JourneyEvent>.Bad($"the body is a '{e.Kind}', not a '{type}'");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return EventParse<JourneyEvent>.Bad($"not a journey event of type '{type}': {ex.Message}");
        }
    }

    public bool StartsJourney(JourneyEvent @event) => @event is SentenceRecorded;

    public string EventType(JourneyEvent @event) => @event.Kind;

    public string EncodeEvent(JourneyEvent @event) => JsonSerializer.Serialize(@event, Json);

    public string EncodeFact(JourneyFact fact) => JsonSerializer.Serialize(fact, Json);

    public JourneyFact DecodeFact(string json) =>
        JsonSerializer.Deserialize<JourneyFact>(json, Json) ?? throw new JsonException("empty fact");

    public string EncodeState(JourneyState state) => JsonSerializer.Serialize(state, Json);

    public JourneyState DecodeState(string json) =>
        JsonSerializer.Deserialize<JourneyState>(json, Json) ?? throw new JsonException("empty state");

    /// <summary>The event as the body of a delivery (with its "type"), for <see cref="ParseEvent"/> to read back.</summary>
    public static JsonElement Body(JourneyEvent @event) => JsonSerializer.SerializeToElement(@event, Json);
}
