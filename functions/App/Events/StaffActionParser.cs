using System.Text.Json;
using ShortSentences.App.Api;

namespace ShortSentences.App.Events;

/// <summary>
/// Reads the staff actions' bodies strictly, as the other schemas: every bad field named, unknown fields refused so a
/// misspelt <c>"note"</c> is not silently dropped.
/// </summary>
public static class StaffActionParser
{
    public const int MaxNoteLength = 1000;
    public const int MaxReasonLength = 500;

    /// <summary>The date types a correction may give (those a journey follows).</summary>
    public static readonly IReadOnlyList<string> CorrectableDates = ["CRD", "ARD", "SLED", "SED", "TUSED", "HDCED"];

    public static Parsed<TaskCompletion> Completion(string taskId, ReadOnlyMemory<byte> body)
    {
        var errors = new FieldErrors();
        if (!Identifiers.IsSafeId(taskId)) errors.Add("taskId", $"must be {Identifiers.IdFormat}");
        using var doc = JsonBody.TryParseObject(body, errors);
        if (doc is null) return Parsed<TaskCompletion>.Invalid(errors);
        var f = new StrictFields(errors);
        var root = doc.RootElement;
        OnlyKnown(root, errors, "on", "by", "note");
        var on = f.Date(root, "", "on");
        var by = By(f, root);
        var note = f.Text(root, "", "note", required: false, maxLength: MaxNoteLength);
        if (errors.Any || on is null || by is null) return Parsed<TaskCompletion>.Invalid(errors);
        return Parsed<TaskCompletion>.Ok(new TaskCompletion(taskId, on.Value, by, note));
    }

    public static Parsed<DateCorrection> Correction(ReadOnlyMemory<byte> body)
    {
        var errors = new FieldErrors();
        using var doc = JsonBody.TryParseObject(body, errors);
        if (doc is null) return Parsed<DateCorrection>.Invalid(errors);
        var f = new StrictFields(errors);
        var root = doc.RootElement;
        OnlyKnown(root, errors, "eventId", "dates", "reason", "by");
        var eventId = f.Text(root, "", "eventId", maxLength: 64, format: Identifiers.IsSafeId, formatDescription: Identifiers.IdFormat);
        var dates = Dates(f, root);
        var reason = f.Text(root, "", "reason", maxLength: MaxReasonLength);
        var by = By(f, root);
        if (errors.Any || eventId is null || dates is null || reason is null || by is null) return Parsed<DateCorrection>.Invalid(errors);
        return Parsed<DateCorrection>.Ok(new DateCorrection(eventId, dates, reason, by));
    }

    /// <summary>Who acted: a staff id (the staff directory's ids), required for every action that changes a journey.</summary>
    public static string? By(StrictFields f, JsonElement root) =>
        f.Text(root, "", "by", maxLength: 64, format: Identifiers.IsSafeId, formatDescription: "a staff id: " + Identifiers.IdFormat);

    private static Dictionary<string, NodaTime.LocalDate>? Dates(StrictFields f, JsonElement root)
    {
        if (f.Object(root, "", "dates") is not { } d) return null;
        var dates = new Dictionary<string, NodaTime.LocalDate>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in d.EnumerateObject())
        {
            var type = CorrectableDates.FirstOrDefault(t => t.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (type is null) { f.Errors.Add($"dates.{Safe(property.Name)}", "is not a date a journey follows: give " + string.Join(", ", CorrectableDates)); ok = false; continue; }
            if (f.DateValue(property.Value, $"dates.{type}") is { } date) dates[type] = date;
            else ok = false;
        }
        if (!ok) return null;
        if (dates.Count == 0) { f.Errors.Add("dates", "must give at least one date: " + string.Join(", ", CorrectableDates)); return null; }
        if (dates.ContainsKey("CRD") && dates.ContainsKey("ARD")) { f.Errors.Add("dates", "must give CRD or ARD, not both"); return null; }
        if (dates.ContainsKey("SLED") && dates.ContainsKey("SED")) { f.Errors.Add("dates", "must give SLED or SED, not both"); return null; }
        return dates;
    }

    private static void OnlyKnown(JsonElement root, FieldErrors errors, params string[] known)
    {
        foreach (var p in root.EnumerateObject())
            if (!known.Contains(p.Name, StringComparer.Ordinal))
                errors.Add(Safe(p.Name), "is not a field of this request: send " + string.Join(", ", known));
    }

    /// <summary>A field name from the request, cut short so a hostile name cannot make the answer large.</summary>
    private static string Safe(string name) => name.Length <= 40 ? name : name[..40] + "...";
}
