using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.Journeys.Json;

/// <summary>ISO-8601 dates ("2026-03-31"), as CRDS and the domain events write them.</summary>
public sealed class LocalDateConverter : JsonConverter<LocalDate>
{
    public override LocalDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        var result = LocalDatePattern.Iso.Parse(text ?? "");
        return result.Success ? result.Value : throw new JsonException($"'{text}' is not a date (expected yyyy-MM-dd)");
    }

    public override void Write(Utf8JsonWriter writer, LocalDate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(LocalDatePattern.Iso.Format(value));
}

/// <summary>Instants in UTC ("2026-03-31T09:00:00Z"); offsets are accepted on the way in.</summary>
public sealed class InstantConverter : JsonConverter<Instant>
{
    public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? "";
        var utc = InstantPattern.ExtendedIso.Parse(text);
        if (utc.Success) return utc.Value;
        var offset = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return offset.Success ? offset.Value.ToInstant() : throw new JsonException($"'{text}' is not an instant (ISO-8601 with Z or an offset)");
    }

    public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
        writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
}
