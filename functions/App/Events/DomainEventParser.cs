using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ShortSentences.App.Events;

/// <summary>
/// Reads HMPPS domain events leniently, as producers send them: bare or inside an SNS notification envelope;
/// <c>version</c> as 1 or "1.0"; <c>occurredAt</c> with 'Z' or an offset; identifier types in any case; the person
/// in <c>personReference.identifiers</c> or, for older producers, in <c>additionalInformation</c>.
/// Identifier values are still checked strictly before they can reach storage.
/// </summary>
public static partial class DomainEventParser
{
    [GeneratedRegex(@"\A[A-Za-z0-9][A-Za-z0-9._-]{0,199}\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypeFormat();

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static Parsed<DomainEvent> Parse(ReadOnlyMemory<byte> body)
    {
        var errors = new FieldErrors();
        using var doc = JsonBody.TryParseObject(body, errors);
        return doc is null ? Parsed<DomainEvent>.Invalid(errors) : Parse(doc.RootElement);
    }

    public static Parsed<DomainEvent> Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static Parsed<DomainEvent> Parse(JsonElement root)
    {
        string? attributeType = null;
        if (IsSnsNotification(root))
        {
            attributeType = SnsEventType(root);
            if (!root.TryGetProperty("Message", out var m) || m.ValueKind != JsonValueKind.String)
                return Parsed<DomainEvent>.Invalid("Message", "must be the domain event as a JSON string");
            try
            {
                using var inner = JsonDocument.Parse(m.GetString()!, Options);
                if (inner.RootElement.ValueKind != JsonValueKind.Object)
                    return Parsed<DomainEvent>.Invalid("Message", "must be a JSON object");
                return ParseEnvelope(inner.RootElement, attributeType);
            }
            catch (JsonException)
            {
                return Parsed<DomainEvent>.Invalid("Message", "must be well-formed JSON");
            }
        }
        return ParseEnvelope(root, attributeType);
    }

    private static bool IsSnsNotification(JsonElement root) =>
        root.TryGetProperty("Type", out var t) && t.ValueKind == JsonValueKind.String
        && string.Equals(t.GetString(), "Notification", StringComparison.OrdinalIgnoreCase)
        && root.TryGetProperty("Message", out _);

    private static string? SnsEventType(JsonElement root)
    {
        if (!root.TryGetProperty("MessageAttributes", out var attributes) || attributes.ValueKind != JsonValueKind.Object) return null;
        foreach (var a in attributes.EnumerateObject())
        {
            if (!a.Name.Equals("eventType", StringComparison.OrdinalIgnoreCase) || a.Value.ValueKind != JsonValueKind.Object) continue;
            foreach (var p in a.Value.EnumerateObject())
                if ((p.Name.Equals("Value", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("StringValue", StringComparison.OrdinalIgnoreCase))
                    && p.Value.ValueKind == JsonValueKind.String)
                    return p.Value.GetString();
        }
        return null;
    }

    private static Parsed<DomainEvent> ParseEnvelope(JsonElement e, string? attributeType)
    {
        var errors = new FieldErrors();
        var eventType = Text(e, "eventType") ?? attributeType;
        if (eventType is null) errors.Add("eventType", "is required");
        else if (!EventTypeFormat().IsMatch(eventType)) { errors.Add("eventType", "must be a dotted event type name, e.g. prison-offender-events.prisoner.released"); eventType = null; }
        else eventType = eventType.ToLowerInvariant();

        var version = ReadVersion(e, errors);
        var occurredAtText = Text(e, "occurredAt");
        var occurredAt = occurredAtText is null ? null : Instants.Parse(occurredAtText);
        if (occurredAt is null) errors.Add("occurredAt", "is required: an ISO 8601 date-time with 'Z' or an offset");

        var info = Property(e, "additionalInformation") is { ValueKind: JsonValueKind.Object } ai ? ai.Clone() : default;
        var (crn, noms) = ReadPerson(e, info, errors);

        if (errors.Any || eventType is null || occurredAt is null || version is null) return Parsed<DomainEvent>.Invalid(errors);
        var eventId = ContentId(eventType, occurredAt.Value.ToString(), crn, noms, info);
        return Parsed<DomainEvent>.Ok(new DomainEvent(eventType, version.Value, occurredAt.Value,
            Text(e, "description"), Text(e, "detailUrl"), info, crn, noms, eventId));
    }

    private static int? ReadVersion(JsonElement e, FieldErrors errors)
    {
        if (Property(e, "version") is not { } v || v.ValueKind == JsonValueKind.Null) return 1;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var n) && n >= 0 && n < 1000) return (int)n;
        if (v.ValueKind == JsonValueKind.String
            && decimal.TryParse(v.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s) && s < 1000)
            return (int)s;
        errors.Add("version", "must be a version number such as 1 or \"1.0\"");
        return null;
    }

    private static (string? Crn, string? Noms) ReadPerson(JsonElement e, JsonElement info, FieldErrors errors)
    {
        string? crn = null, noms = null;
        if (Property(e, "personReference") is { ValueKind: JsonValueKind.Object } pr
            && Property(pr, "identifiers") is { ValueKind: JsonValueKind.Array } ids)
        {
            var i = 0;
            foreach (var id in ids.EnumerateArray())
            {
                var at = $"personReference.identifiers[{i++}]";
                var type = Text(id, "type")?.Trim().ToUpperInvariant();
                var value = Text(id, "value")?.Trim().ToUpperInvariant();
                if (type == "CRN") crn = Checked(value, Identifiers.IsCrn, Identifiers.CrnFormat, $"{at}.value", errors) ?? crn;
                else if (type is "NOMS" or "NOMS_NUMBER" or "PRISONER_NUMBER")
                    noms = Checked(value, Identifiers.IsNoms, Identifiers.NomsFormat, $"{at}.value", errors) ?? noms;
            }
        }
        // Older producers put the person in additionalInformation instead.
        crn ??= Checked(InfoText(info, "crn"), Identifiers.IsCrn, Identifiers.CrnFormat, "additionalInformation.crn", errors);
        noms ??= Checked(InfoText(info, "nomsNumber") ?? InfoText(info, "prisonerNumber") ?? InfoText(info, "prisonerId"),
            Identifiers.IsNoms, Identifiers.NomsFormat, "additionalInformation.nomsNumber", errors);
        return (crn, noms);
    }

    private static string? Checked(string? value, Func<string, bool> format, string description, string field, FieldErrors errors)
    {
        if (value is null) return null;
        var v = value.Trim().ToUpperInvariant();
        if (format(v)) return v;
        errors.Add(field, $"must be {description}");
        return null;
    }

    private static string? InfoText(JsonElement info, string name) =>
        info.ValueKind == JsonValueKind.Object && Property(info, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>Property lookup ignoring case: producers differ in casing.</summary>
    private static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        if (obj.TryGetProperty(name, out var exact)) return exact;
        foreach (var p in obj.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    private static string? Text(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>The JSON without insignificant whitespace, so re-serialised copies of one event compare equal.</summary>
    private static string Compact(JsonElement info)
    {
        if (info.ValueKind != JsonValueKind.Object) return "";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) info.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A stable id from what the event says, so a repeat of the same event is recognised as one.</summary>
    private static string ContentId(string eventType, string occurredAt, string? crn, string? noms, JsonElement info)
    {
        var text = string.Join('\n', eventType, occurredAt, crn, noms, Compact(info));
        return "de-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
