using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Azure;

namespace ShortSentences.Storage.Tables;

/// <summary>
/// The Table service's JSON payload format (odata=minimalmetadata). Types JSON cannot carry (Int64, Double,
/// DateTime, Guid, Binary) are written with "Name@odata.type" annotations and read back from them.
/// </summary>
internal static class TableEntityJson
{
    private const string DateFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    public static byte[] Serialize(TableEntity entity)
    {
        TableEntityLimits.Check(entity);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("PartitionKey", entity.PartitionKey);
            w.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties) WriteProperty(w, name, value);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProperty(Utf8JsonWriter w, string name, object value)
    {
        switch (value)
        {
            case string s: w.WriteString(name, s); break;
            case int i: w.WriteNumber(name, i); break;
            case bool b: w.WriteBoolean(name, b); break;
            case long l:
                w.WriteString(name + "@odata.type", "Edm.Int64");
                w.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                w.WriteString(name + "@odata.type", "Edm.Double");
                if (double.IsFinite(d)) w.WriteNumber(name, d);
                else w.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                break;
            case DateTimeOffset dt:
                w.WriteString(name + "@odata.type", "Edm.DateTime");
                w.WriteString(name, dt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case Guid g:
                w.WriteString(name + "@odata.type", "Edm.Guid");
                w.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                w.WriteString(name + "@odata.type", "Edm.Binary");
                w.WriteString(name, Convert.ToBase64String(bytes));
                break;
            default: throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    public static TableEntity Deserialize(JsonElement json, string? etagHeader = null)
    {
        var pk = json.GetProperty("PartitionKey").GetString()!;
        var rk = json.GetProperty("RowKey").GetString()!;
        var entity = new TableEntity(pk, rk);
        var etag = etagHeader ?? (json.TryGetProperty("odata.etag", out var e) ? e.GetString() : null);
        if (etag is not null) entity.ETag = new ETag(etag);

        foreach (var p in json.EnumerateObject())
        {
            var name = p.Name;
            if (name.Contains('@') || name.StartsWith("odata.", StringComparison.Ordinal)
                || name is "PartitionKey" or "RowKey") continue;
            var type = json.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : null;
            if (name == "Timestamp") { entity.Timestamp = (DateTimeOffset?)ReadValue(name, p.Value, "Edm.DateTime"); continue; }
            var value = ReadValue(name, p.Value, type);
            if (value is not null) entity[name] = value;
        }
        return entity;
    }

    private static object? ReadValue(string name, JsonElement v, string? edmType)
    {
        if (v.ValueKind == JsonValueKind.Null) return null;
        return edmType switch
        {
            "Edm.Int64" => long.Parse(v.GetString()!, CultureInfo.InvariantCulture),
            "Edm.Double" => v.ValueKind == JsonValueKind.String
                ? v.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity, var s => double.Parse(s!, CultureInfo.InvariantCulture) }
                : v.GetDouble(),
            "Edm.DateTime" => DateTimeOffset.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            "Edm.Guid" => Guid.Parse(v.GetString()!),
            "Edm.Binary" => Convert.FromBase64String(v.GetString()!),
            "Edm.Int32" => v.ValueKind == JsonValueKind.String ? int.Parse(v.GetString()!, CultureInfo.InvariantCulture) : v.GetInt32(),
            "Edm.Boolean" => v.ValueKind == JsonValueKind.String ? bool.Parse(v.GetString()!) : v.GetBoolean(),
            "Edm.String" or null => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                // Without an annotation the service sends Int32 as an integer and Double with a fraction.
                JsonValueKind.Number => v.TryGetInt32(out var i) && !v.GetRawText().Contains('.') ? (object)i : v.GetDouble(),
                _ => throw new FormatException($"Property '{name}' has an unexpected JSON value {v.ValueKind}."),
            },
            _ => throw new FormatException($"Property '{name}' has the unknown type {edmType}."),
        };
    }
}
