using System.Text.Json;
using System.Text.Json.Nodes;

namespace ShortSentences.Runtime;

/// <summary>
/// An external event as it arrives on the queue: <c>{"eventId", "journeyId", "type", "body": {...}}</c>.
/// The event id makes redelivery harmless (the journey's inbox remembers every id it has seen).
/// </summary>
public sealed record EventEnvelope(string EventId, string JourneyId, string Type, JsonElement Body)
{
    public static string Write(string eventId, string journeyId, string type, JsonNode body) => new JsonObject
    {
        ["eventId"] = eventId,
        ["journeyId"] = journeyId,
        ["type"] = type,
        ["body"] = body.DeepClone(),
    }.ToJsonString();

    /// <summary>Reads an envelope, or says in words what is wrong with the message (the dead-letter reason).</summary>
    public static (EventEnvelope? Envelope, string? Error) Read(string text, int maxChars)
    {
        if (text.Length > maxChars)
            return (null, $"oversized: the message has {text.Length} characters and the limit is {maxChars}");
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(text);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, $"not JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) return (null, "not an event: the message must be a JSON object");
        string? Field(string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Trim().Length > 0
                ? v.GetString() : null;
        var eventId = Field("eventId");
        var journeyId = Field("journeyId");
        var type = Field("type");
        if (eventId is null) return (null, "not an event: 'eventId' is missing or empty");
        if (journeyId is null) return (null, $"event {eventId}: 'journeyId' is missing or empty");
        if (type is null) return (null, $"event {eventId}: 'type' is missing or empty");
        if (!root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object)
            return (null, $"event {eventId}: 'body' must be a JSON object");
        return (new EventEnvelope(eventId, journeyId, type, body), null);
    }
}
