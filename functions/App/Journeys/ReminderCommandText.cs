using System.Text.Json;
using System.Text.Json.Nodes;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Json;

namespace ShortSentences.App.Journeys;

/// <summary>
/// A reminder command as JSON, in the journeys' own form (camelCase, enums by name, ISO dates): the form the outbox
/// puts on the reminders queue (<c>{"idempotencyKey", "command"}</c>) and the delivery log keeps in its records.
/// Read strictly: a field missing or null is not a reminder command, so it is poisoned where someone can read it
/// rather than half-sent.
/// </summary>
public static class ReminderCommandText
{
    private static readonly JsonSerializerOptions Strict = new(JourneyJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static JsonNode Write(ReminderCommand command) => JsonSerializer.SerializeToNode(command, JourneyJson.Options)!;

    /// <summary>Throws <see cref="JsonException"/> unless <paramref name="json"/> is a whole reminder command.</summary>
    public static ReminderCommand Read(string json) =>
        JsonSerializer.Deserialize<ReminderCommand>(json, Strict) ?? throw new JsonException("a reminder command must be a JSON object");

    /// <summary>The command of a reminders-queue message.</summary>
    public static ReminderCommand FromMessage(string message)
    {
        using var doc = JsonDocument.Parse(message);
        return Read(doc.RootElement.GetProperty("command").GetRawText());
    }
}
