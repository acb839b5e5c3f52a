using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ShortSentences.App.Events;

/// <summary>
/// Reads fields of our own schemas strictly: the right JSON type, real ISO dates, numbers in range. Each problem is
/// recorded against the field's path (e.g. <c>sentence.length.months</c>) and reading carries on, so that one answer
/// lists every bad field.
/// </summary>
public sealed class StrictFields(FieldErrors errors)
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    // Plausible bounds: anything outside is a typo or a placeholder such as 0001-01-01, not a real sentence date.
    public static readonly LocalDate EarliestDate = new(1900, 1, 1);
    public static readonly LocalDate LatestDate = new(2100, 12, 31);

    public FieldErrors Errors => errors;

    public static string Path(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public bool TryGet(JsonElement obj, string parent, string name, bool required, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            return true;
        if (required) errors.Add(Path(parent, name), "is required");
        return false;
    }

    public JsonElement? Object(JsonElement obj, string parent, string name, bool required = true)
    {
        if (!TryGet(obj, parent, name, required, out var v)) return null;
        if (v.ValueKind == JsonValueKind.Object) return v;
        errors.Add(Path(parent, name), "must be an object");
        return null;
    }

    public string? Text(JsonElement obj, string parent, string name, bool required = true, int maxLength = 200,
        Func<string, bool>? format = null, string? formatDescription = null)
    {
        if (!TryGet(obj, parent, name, required, out var v)) return null;
        var path = Path(parent, name);
        if (v.ValueKind != JsonValueKind.String) { errors.Add(path, "must be a string"); return null; }
        var s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s)) { errors.Add(path, "must not be empty"); return null; }
        if (s.Length > maxLength) { errors.Add(path, $"must be at most {maxLength} characters"); return null; }
        if (s.Any(char.IsControl)) { errors.Add(path, "must not contain control characters"); return null; }
        if (format is not null && !format(s)) { errors.Add(path, $"must be {formatDescription}"); return null; }
        return s;
    }

    public LocalDate? Date(JsonElement obj, string parent, string name, bool required = true)
    {
        if (!TryGet(obj, parent, name, required, out var v)) return null;
        return DateValue(v, Path(parent, name));
    }

    public LocalDate? DateValue(JsonElement v, string path)
    {
        if (v.ValueKind != JsonValueKind.String) { errors.Add(path, "must be a date as a string, yyyy-MM-dd"); return null; }
        var text = v.GetString()!;
        // Digits and dashes only: NodaTime stops reading at a NUL, so "2026-11-16\u0000junk" would otherwise pass.
        var result = text.Length == 10 && text.All(c => c is (>= '0' and <= '9') or '-') ? IsoDate.Parse(text) : null;
        if (result is not { Success: true }) { errors.Add(path, "must be a real calendar date, yyyy-MM-dd"); return null; }
        if (result.Value < EarliestDate || result.Value > LatestDate)
        {
            errors.Add(path, $"must be between {IsoDate.Format(EarliestDate)} and {IsoDate.Format(LatestDate)}");
            return null;
        }
        return result.Value;
    }

    public Instant? Instant(JsonElement obj, string parent, string name, bool required = false)
    {
        if (!TryGet(obj, parent, name, required, out var v)) return null;
        var path = Path(parent, name);
        if (v.ValueKind != JsonValueKind.String) { errors.Add(path, "must be a date-time string with 'Z' or an offset"); return null; }
        var instant = Instants.Parse(v.GetString()!);
        if (instant is null) errors.Add(path, "must be an ISO 8601 date-time with 'Z' or an offset, e.g. 2025-03-03T10:15:00Z");
        return instant;
    }

    public int? Int(JsonElement obj, string parent, string name, int min, int max, bool required = true, int? absent = null)
    {
        if (!TryGet(obj, parent, name, required, out var v)) return absent;
        var path = Path(parent, name);
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var n)) { errors.Add(path, "must be a whole number"); return null; }
        if (n < min || n > max) { errors.Add(path, $"must be between {min} and {max}"); return null; }
        return n;
    }

    public bool? Bool(JsonElement obj, string parent, string name, bool absent)
    {
        if (!TryGet(obj, parent, name, required: false, out var v)) return absent;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors.Add(Path(parent, name), "must be true or false");
        return null;
    }

    /// <summary>An optional array of strings, each checked by <paramref name="format"/>; absent means empty.</summary>
    public IReadOnlyList<string>? TextList(JsonElement obj, string parent, string name, int maxItems,
        Func<string, bool> format, string formatDescription)
    {
        if (!TryGet(obj, parent, name, required: false, out var v)) return [];
        var path = Path(parent, name);
        if (v.ValueKind != JsonValueKind.Array) { errors.Add(path, "must be an array of strings"); return null; }
        if (v.GetArrayLength() > maxItems) { errors.Add(path, $"must have at most {maxItems} items"); return null; }
        var list = new List<string>();
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            var itemPath = $"{path}[{i++}]";
            if (item.ValueKind != JsonValueKind.String) { errors.Add(itemPath, "must be a string"); continue; }
            var s = item.GetString()!;
            if (!format(s)) { errors.Add(itemPath, $"must be {formatDescription}"); continue; }
            list.Add(s);
        }
        return list;
    }
}
