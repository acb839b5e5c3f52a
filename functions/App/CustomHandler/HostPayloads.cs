using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.App.CustomHandler;

/// <summary>
/// Invocation payloads as the Functions host builds them (a string trigger value JSON-encoded once more, metadata
/// primitives as JSON text, a "sys" entry), so the local trigger runner calls the handlers exactly as Azure does.
/// </summary>
public static class HostPayloads
{
    public static byte[] ServiceBus(string bindingName, string functionName, string messageId, long deliveryCount, string text, Instant now) =>
        Invocation(bindingName, JsonValue.Create(JsonSerializer.Serialize(text)), new JsonObject
        {
            ["MessageId"] = JsonSerializer.Serialize(messageId),
            ["DeliveryCount"] = deliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EnqueuedTimeUtc"] = Format(now),
        }, functionName, now);

    public static byte[] Queue(string bindingName, string functionName, string messageId, string popReceipt, long dequeueCount, string text, Instant now) =>
        Invocation(bindingName, JsonValue.Create(JsonSerializer.Serialize(text)), new JsonObject
        {
            ["DequeueCount"] = dequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Id"] = JsonSerializer.Serialize(messageId),
            ["PopReceipt"] = JsonSerializer.Serialize(popReceipt),
        }, functionName, now);

    public static byte[] Timer(string bindingName, string functionName, Instant? last, Instant next, bool pastDue, Instant now) =>
        Invocation(bindingName, new JsonObject
        {
            ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
            ["ScheduleStatus"] = new JsonObject
            {
                ["Last"] = last is { } l ? Format(l) : "0001-01-01T00:00:00",
                ["Next"] = Format(next),
                ["LastUpdated"] = Format(now),
            },
            ["IsPastDue"] = pastDue,
        }, new JsonObject(), functionName, now);

    private static byte[] Invocation(string bindingName, JsonNode? data, JsonObject metadata, string functionName, Instant now)
    {
        metadata["sys"] = new JsonObject
        {
            ["MethodName"] = functionName,
            ["UtcNow"] = Format(now),
            ["RandGuid"] = Guid.NewGuid().ToString(),
        };
        var payload = new JsonObject { ["Data"] = new JsonObject { [bindingName] = data }, ["Metadata"] = metadata };
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static string Format(Instant i) => InstantPattern.ExtendedIso.Format(i);
}
