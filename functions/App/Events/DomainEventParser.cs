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

    /// <summary>Reads an event that arrived at <paramref name="now"/>: its <c>occurredAt</c> may not be later than now
    /// (give or take <see cref="OccurredAtBounds.ClockSkew"/>) nor before 1900.</summary>
    public static Parsed<DomainEvent> Parse(ReadOnlyMemory<byte> body, NodaTime.Instant now)
    {
        var errors = new FieldErrors();
        using var doc = JsonBody.TryParseObject(body, errors);
        return doc is null ? Parsed<DomainEvent>.Invalid(errors) : Parse(doc.RootElement, now);
    }

    public static Parsed<DomainEvent> Parse(string json, NodaTime.Instant now) => Parse(Encoding.UTF8.GetBytes(json), now);

    private static Parsed<DomainEvent> Parse(JsonElement root, NodaTime.Instant now)
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
                var textErrors = new FieldErrors();
                JsonText.Check(inner.RootElement, "", textErrors);
                if (textErrors.Any) return Parsed<DomainEvent>.Invalid(textErrors);
                return ParseEnvelope(inner.RootElement, attributeType, now);
            }
            catch (JsonException)
            {
                return Parsed<DomainEvent>.Invalid("Message", "must be well-formed JSON");
            }
        }
        return ParseEnvelope(root, attributeType, now);
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

    private static Parsed<DomainEvent> ParseEnvelope(JsonElement e, string? attributeType, NodaTime.Instant now)
    {
        var errors = new FieldErrors();
        var eventType = Text(e, "eventType", "eventType", errors) ?? attributeType;
        if (eventType is null) { if (!errors.Has("eventType")) errors.Add("eventType", "is required"); }
        else if (!EventTypeFormat().IsMatch(eventType)) { errors.Add("eventType", "must be a dotted event type name, e.g. prison-offender-events.prisoner.released"); eventType = null; }
        else eventType = eventType.ToLowerInvariant();

        var version = ReadVersion(e, errors);
        var occurredAt = ReadOccurredAt(e, now, errors);

        JsonElement info = default;
        if (Property(e, "additionalInformation") is { } ai && ai.ValueKind != JsonValueKind.Null)
        {
            if (ai.ValueKind == JsonValueKind.Object) info = ai.Clone();
            else errors.Add("additionalInformation", "must be an object");
        }
        var (crn, noms) = ReadPerson(e, info, errors);
        var description = Text(e, "description", "description", errors);
        var detailUrl = Text(e, "detailUrl", "detailUrl", errors);

        if (errors.Any || eventType is null || occurredAt is null || version is null) return Parsed<DomainEvent>.Invalid(errors);
        var eventId = ContentId(eventType, occurredAt.Value.ToString(), crn, noms, info);
        return Parsed<DomainEvent>.Ok(new DomainEvent(eventType, version.Value, occurredAt.Value,
            description, detailUrl, info, crn, noms, eventId));
    }

    private static NodaTime.Instant? ReadOccurredAt(JsonElement e, NodaTime.Instant now, FieldErrors errors)
    {
        const string format = "an ISO 8601 date-time with 'Z' or an offset, e.g. 2026-11-16T18:05:11Z";
        if (Property(e, "occurredAt") is not { } v || v.ValueKind == JsonValueKind.Null) { errors.Add("occurredAt", "is required: " + format); return null; }
        if (v.ValueKind != JsonValueKind.String) { errors.Add("occurredAt", "must be a string: " + format); return null; }
        if (Instants.Parse(v.GetString()!) is not { } at) { errors.Add("occurredAt", "must be " + format + ", with nothing before or after it"); return null; }
        if (OccurredAtBounds.Problem(at, now) is { } problem) { errors.Add("occurredAt", problem); return null; }
        return at;
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
        if (Property(e, "personReference") is { } pr && pr.ValueKind != JsonValueKind.Null)
        {
            if (pr.ValueKind != JsonValueKind.Object) errors.Add("personReference", "must be an object with 'identifiers'");
            else if (Property(pr, "identifiers") is { } ids && ids.ValueKind != JsonValueKind.Null)
            {
                if (ids.ValueKind != JsonValueKind.Array) errors.Add("personReference.identifiers", "must be an array of {type, value}");
                else
                {
                    var i = 0;
                    foreach (var id in ids.EnumerateArray())
                    {
                        var at = $"personReference.identifiers[{i++}]";
                        if (id.ValueKind != JsonValueKind.Object) { errors.Add(at, "must be an object {type, value}"); continue; }
                        var type = Text(id, "type", $"{at}.type", errors)?.Trim().ToUpperInvariant();
                        var value = Text(id, "value", $"{at}.value", errors)?.Trim().ToUpperInvariant();
                        if (type == "CRN") crn = Checked(value, Identifiers.IsCrn, Identifiers.CrnFormat, $"{at}.value", errors) ?? crn;
                        else if (type is "NOMS" or "NOMS_NUMBER" or "PRISONER_NUMBER")
                            noms = Checked(value, Identifiers.IsNoms, Identifiers.NomsFormat, $"{at}.value", errors) ?? noms;
                    }
                }
            }
        }
        // Older producers put the person in additionalInformation instead.
        var infoCrn = InfoText(info, "crn", errors);
        var infoNoms = InfoText(info, "nomsNumber", errors) ?? InfoText(info, "prisonerNumber", errors) ?? InfoText(info, "prisonerId", errors);
        crn ??= Checked(infoCrn, Identifiers.IsCrn, Identifiers.CrnFormat, "additionalInformation.crn", errors);
        noms ??= Checked(infoNoms, Identifiers.IsNoms, Identifiers.NomsFormat, "additionalInformation.nomsNumber", errors);
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

    /// <summary>An identifier in additionalInformation: absent or null is fine, any other JSON type is refused.</summary>
    private static string? InfoText(JsonElement info, string name, FieldErrors errors) =>
        info.ValueKind == JsonValueKind.Object ? Text(info, name, "additionalInformation." + name, errors) : null;

    /// <summary>Property lookup ignoring case: producers differ in casing.</summary>
    private static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) return null;
        if (obj.TryGetProperty(name, out var exact)) return exact;
        foreach (var p in obj.EnumerateObject())
            if (p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    /// <summary>A string field: absent or null gives null; a number, object or other type where text belongs is refused.</summary>
    private static string? Text(JsonElement obj, string name, string path, FieldErrors errors)
    {
        if (Property(obj, name) is not { } v || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        errors.Add(path, "must be a string");
        return null;
    }

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
