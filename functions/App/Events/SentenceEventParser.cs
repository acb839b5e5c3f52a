using System.Text.Json;
using NodaTime;

namespace ShortSentences.App.Events;

/// <summary>Reads and validates a sentence event (our schema); every bad field is named in the errors.</summary>
public static class SentenceEventParser
{
    /// <summary>Date types an upstream calculation may assert (CRDS names); keys are matched ignoring case.</summary>
    public static readonly IReadOnlyList<string> DateTypes =
        ["CRD", "ARD", "SLED", "SED", "LED", "TUSED", "HDCED", "PRRD", "ESED", "ERSED"];

    public static readonly IReadOnlyList<string> Exclusions =
    [
        "Sexual", "Violent", "DomesticAbuse", "NationalSecurity", "Terrorism", "Murder",
        "SexualT3", "ViolentT3", "DomesticAbuseT3", "NationalSecurityT3", "TerrorismT3", "MurderT3",
        "ProgressionModelSchedule13Part3",
    ];

    private static readonly Dictionary<string, Sex> Sexes = new(StringComparer.Ordinal)
    {
        ["MALE"] = Sex.Male, ["FEMALE"] = Sex.Female, ["NOT_KNOWN"] = Sex.NotKnown, ["NOT_SPECIFIED"] = Sex.NotSpecified,
    };

    public static Parsed<SentenceEvent> Parse(ReadOnlyMemory<byte> body)
    {
        var errors = new FieldErrors();
        using var doc = JsonBody.TryParseObject(body, errors);
        if (doc is null) return Parsed<SentenceEvent>.Invalid(errors);
        var f = new StrictFields(errors);
        var root = doc.RootElement;

        var eventId = f.Text(root, "", "eventId", maxLength: 64, format: Identifiers.IsSafeId, formatDescription: Identifiers.IdFormat);
        var occurredAt = f.Instant(root, "", "occurredAt");
        var region = f.Text(root, "", "region", maxLength: 100);
        var pdu = f.Text(root, "", "pdu", maxLength: 100);
        var person = ReadPerson(f, root);
        var sentence = ReadSentence(f, root);
        var dates = ReadDates(f, root);

        if (person is not null && sentence is not null)
        {
            if (!ServiceScope.IsAdultOn(person.DateOfBirth, sentence.SentenceDate))
                errors.Add("person.dateOfBirth", $"must make the person at least {ServiceScope.AdultAge} on the sentence date: this service follows adults");
            if (person.DateOfBirth >= sentence.OffenceDate)
                errors.Add("person.dateOfBirth", "must be before the offence date");
        }

        if (errors.Any || eventId is null || region is null || pdu is null || person is null || sentence is null || dates is null)
            return Parsed<SentenceEvent>.Invalid(errors);
        return Parsed<SentenceEvent>.Ok(new SentenceEvent(eventId, occurredAt, person, region, pdu, sentence, dates));
    }

    private static PersonDetails? ReadPerson(StrictFields f, JsonElement root)
    {
        if (f.Object(root, "", "person") is not { } p) return null;
        var crn = f.Text(p, "person", "crn", maxLength: 7, format: Identifiers.IsCrn, formatDescription: Identifiers.CrnFormat);
        var noms = f.Text(p, "person", "noms", required: false, maxLength: 7, format: Identifiers.IsNoms, formatDescription: Identifiers.NomsFormat);
        var dob = f.Date(p, "person", "dateOfBirth");
        var sexText = f.Text(p, "person", "sex", maxLength: 20, format: Sexes.ContainsKey, formatDescription: "one of " + string.Join(", ", Sexes.Keys));
        var noNoms = p.TryGetProperty("noms", out var n) && n.ValueKind != JsonValueKind.Null && noms is null;
        // Optional; checked strictly, and like every value never echoed back in an error or written to a log.
        var firstName = f.Text(p, "person", "firstName", required: false, maxLength: PersonNames.MaxLength, format: PersonNames.IsName, formatDescription: PersonNames.Format);
        var lastName = f.Text(p, "person", "lastName", required: false, maxLength: PersonNames.MaxLength, format: PersonNames.IsName, formatDescription: PersonNames.Format);
        var badName = f.Errors.Has("person.firstName") || f.Errors.Has("person.lastName");
        if (crn is null || dob is null || sexText is null || noNoms || badName) return null;
        return new PersonDetails(crn, noms, dob.Value, Sexes[sexText], firstName, lastName);
    }

    private static SentenceDetails? ReadSentence(StrictFields f, JsonElement root)
    {
        if (f.Object(root, "", "sentence") is not { } s) return null;
        const string at = "sentence";
        var id = f.Text(s, at, "sentenceId", maxLength: 64, format: Identifiers.IsSafeId, formatDescription: Identifiers.IdFormat);
        var sentenceDate = f.Date(s, at, "sentenceDate");
        var offenceDate = f.Date(s, at, "offenceDate");
        var length = ReadLength(f, s);
        var remand = f.Int(s, at, "remandDays", 0, 3650, required: false, absent: 0);
        var taggedBail = f.Int(s, at, "taggedBailDays", 0, 3650, required: false, absent: 0);
        var consecutiveTo = f.TextList(s, at, "consecutiveTo", 20, Identifiers.IsSafeId, Identifiers.IdFormat);
        var concurrentWith = f.TextList(s, at, "concurrentWith", 20, Identifiers.IsSafeId, Identifiers.IdFormat);
        var exclusions = f.TextList(s, at, "earlyReleaseExclusions", Exclusions.Count, Exclusions.Contains,
            "one of " + string.Join(", ", Exclusions));

        if (sentenceDate is { } sd && offenceDate is { } od && od > sd)
            f.Errors.Add("sentence.offenceDate", "must be on or before the sentence date");
        if (sentenceDate is { } start && length is not null && !ServiceScope.IsShortSentence(start, length))
            f.Errors.Add("sentence.length", $"must be under {ServiceScope.ShortSentenceYears} years: this service follows short sentences");
        if (id is not null && consecutiveTo is not null && consecutiveTo.Contains(id))
            f.Errors.Add("sentence.consecutiveTo", "must not name the sentence itself");
        if (id is not null && concurrentWith is not null && concurrentWith.Contains(id))
            f.Errors.Add("sentence.concurrentWith", "must not name the sentence itself");
        if (consecutiveTo is { Count: > 0 } && concurrentWith is { Count: > 0 } && consecutiveTo.Intersect(concurrentWith).Any())
            f.Errors.Add("sentence.concurrentWith", "must not name a sentence it is also consecutive to");

        if (id is null || sentenceDate is null || offenceDate is null || length is null || remand is null
            || taggedBail is null || consecutiveTo is null || concurrentWith is null || exclusions is null)
            return null;
        return new SentenceDetails(id, sentenceDate.Value, offenceDate.Value, length, remand.Value, taggedBail.Value,
            consecutiveTo, concurrentWith, exclusions);
    }

    private static SentenceLength? ReadLength(StrictFields f, JsonElement s)
    {
        if (f.Object(s, "sentence", "length") is not { } l) return null;
        const string at = "sentence.length";
        var years = f.Int(l, at, "years", 0, ServiceScope.ShortSentenceYears, required: false, absent: 0);
        var months = f.Int(l, at, "months", 0, 36, required: false, absent: 0);
        var weeks = f.Int(l, at, "weeks", 0, 156, required: false, absent: 0);
        var days = f.Int(l, at, "days", 0, 1095, required: false, absent: 0);
        if (years is null || months is null || weeks is null || days is null) return null;
        var length = new SentenceLength(years.Value, months.Value, weeks.Value, days.Value);
        if (length.IsZero) { f.Errors.Add(at, "must be more than zero: give years, months, weeks or days"); return null; }
        return length;
    }

    private static IReadOnlyDictionary<string, LocalDate>? ReadDates(StrictFields f, JsonElement root)
    {
        if (!f.TryGet(root, "", "dates", required: false, out var d)) return new Dictionary<string, LocalDate>();
        if (d.ValueKind != JsonValueKind.Object) { f.Errors.Add("dates", "must be an object of date type to date"); return null; }
        var dates = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        var ok = true;
        foreach (var property in d.EnumerateObject())
        {
            var type = DateTypes.FirstOrDefault(t => t.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (type is null)
            {
                f.Errors.Add("dates", "keys must be date types: " + string.Join(", ", DateTypes));
                ok = false;
                continue;
            }
            if (f.DateValue(property.Value, $"dates.{type}") is { } date) dates[type] = date;
            else ok = false;
        }
        var hasRelease = dates.ContainsKey("CRD") || dates.ContainsKey("ARD");
        var hasEnd = dates.ContainsKey("SLED") || dates.ContainsKey("SED");
        if (ok && dates.Count > 0 && !(hasRelease && hasEnd))
        {
            f.Errors.Add("dates", "must give at least the release date (CRD or ARD) and the sentence end (SLED or SED)");
            return null;
        }
        return ok ? dates : null;
    }
}
