using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Durable;

namespace ShortSentences.Runtime;

/// <summary>The JSON form of a reminder command in outbox rows and on the reminders queue.</summary>
public static class ReminderCommandJson
{
    public static string Write(ReminderCommand c) => new JsonObject
    {
        ["idempotencyKey"] = c.IdempotencyKey,
        ["journeyId"] = c.JourneyId,
        ["crn"] = c.Crn,
        ["taskId"] = c.TaskId,
        ["ruleId"] = c.RuleId,
        ["kind"] = c.Kind.ToString(),
        ["recipientRole"] = c.RecipientRole.ToString(),
        ["recipient"] = c.Recipient,
        ["pdu"] = c.Pdu,
        ["dueDate"] = LocalDatePattern.Iso.Format(c.DueDate),
        ["reason"] = c.Reason,
        ["raisedAt"] = InstantPattern.ExtendedIso.Format(c.RaisedAt),
    }.ToJsonString();

    public static ReminderCommand Read(string json)
    {
        var o = JsonNode.Parse(json)?.AsObject() ?? throw new JsonException("a reminder command must be a JSON object");
        string S(string name) => o[name]?.GetValue<string>() ?? throw new JsonException($"reminder command lacks '{name}'");
        return new ReminderCommand(
            S("idempotencyKey"), S("journeyId"), S("crn"), S("taskId"), S("ruleId"),
            Enum.Parse<ReminderKind>(S("kind")), Enum.Parse<RecipientRole>(S("recipientRole")),
            S("recipient"), S("pdu"),
            LocalDatePattern.Iso.Parse(S("dueDate")).GetValueOrThrow(),
            S("reason"),
            InstantPattern.ExtendedIso.Parse(S("raisedAt")).GetValueOrThrow());
    }
}
