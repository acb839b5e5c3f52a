using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation;

/// <summary>
/// Reads a CRDS test-case `input.json` (booking, `params`, `featureToggles`, `userInputs`).
/// Every problem becomes a <see cref="BookingFormatException"/> naming the field; nothing else escapes.
/// </summary>
public static class CrdsInput
{
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    public static (Booking Booking, CalculationOptions Options) Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new BookingFormatException("$", $"the file is not valid JSON ({FirstLine(e.Message)})");
        }
        using (doc)
        {
            var root = doc.RootElement;
            RequireKind(root, "$", JsonValueKind.Object, "an object");
            var booking = ParseBooking(Required(root, "booking", "$"), "booking");
            var options = ParseOptions(root);
            return (booking, options);
        }
    }

    private static CalculationOptions ParseOptions(JsonElement root)
    {
        var profile = Legislation.CalculationParams;
        if (Optional(root, "params") is { } p && p.ValueKind != JsonValueKind.Null)
        {
            RequireKind(p, "params", JsonValueKind.String, "a string");
            var name = p.GetString()!;
            profile = Legislation.Profile(name)
                ?? throw new BookingFormatException("params", $"params: unknown rule profile '{name}' (known: {string.Join(", ", Legislation.ProfileNames)})");
        }
        var toggles = FeatureToggles.None;
        if (Optional(root, "featureToggles") is { ValueKind: not JsonValueKind.Null } ft)
        {
            RequireKind(ft, "featureToggles", JsonValueKind.Object, "an object");
            toggles = new FeatureToggles(ApplyPssRepeal: Bool(ft, "applyPostRecallRepealRules", "featureToggles"));
        }
        var ersed = false;
        if (Optional(root, "userInputs") is { ValueKind: not JsonValueKind.Null } ui)
        {
            RequireKind(ui, "userInputs", JsonValueKind.Object, "an object");
            ersed = Bool(ui, "calculateErsed", "userInputs");
        }
        return new CalculationOptions(profile, toggles, ersed);
    }

    private static Booking ParseBooking(JsonElement b, string path)
    {
        RequireKind(b, path, JsonValueKind.Object, "an object");
        var offender = Required(b, "offender", path);
        RequireKind(offender, $"{path}.offender", JsonValueKind.Object, "an object");
        var dob = Date(Required(offender, "dateOfBirth", $"{path}.offender"), $"{path}.offender.dateOfBirth");

        var sentencesElement = Required(b, "sentences", path);
        RequireKind(sentencesElement, $"{path}.sentences", JsonValueKind.Array, "an array");
        var sentences = new List<Sentence>();
        var i = 0;
        foreach (var s in sentencesElement.EnumerateArray())
            sentences.Add(ParseSentence(s, $"{path}.sentences[{i}]", i++));
        if (sentences.Count == 0)
            throw new BookingFormatException($"{path}.sentences", $"{path}.sentences: the booking has no sentences");
        ConsecutiveChains.Check(sentences, $"{path}.sentences");

        var adjustments = new List<Adjustment>();
        if (Optional(b, "adjustments") is { ValueKind: not JsonValueKind.Null } adj)
            adjustments.AddRange(ParseAdjustments(adj, $"{path}.adjustments"));

        LocalDate? rtc = null;
        if (Optional(b, "returnToCustodyDate") is { ValueKind: not JsonValueKind.Null } r)
            rtc = Date(r, $"{path}.returnToCustodyDate");

        int? ftrLength = null;
        if (Optional(b, "fixedTermRecallDetails") is { ValueKind: not JsonValueKind.Null } ftr)
        {
            RequireKind(ftr, $"{path}.fixedTermRecallDetails", JsonValueKind.Object, "an object");
            if (Optional(ftr, "recallLength") is { ValueKind: not JsonValueKind.Null } len)
                ftrLength = PositiveInt(len, $"{path}.fixedTermRecallDetails.recallLength");
            if (rtc is null && Optional(ftr, "returnToCustodyDate") is { ValueKind: not JsonValueKind.Null } ftrRtc)
                rtc = Date(ftrRtc, $"{path}.fixedTermRecallDetails.returnToCustodyDate");
        }

        var movements = new List<ExternalMovement>();
        if (Optional(b, "externalMovements") is { ValueKind: not JsonValueKind.Null } em)
        {
            RequireKind(em, $"{path}.externalMovements", JsonValueKind.Array, "an array");
            var k = 0;
            foreach (var m in em.EnumerateArray())
            {
                var mPath = $"{path}.externalMovements[{k++}]";
                RequireKind(m, mPath, JsonValueKind.Object, "an object");
                var date = Date(Required(m, "movementDate", mPath), $"{mPath}.movementDate");
                var dirElement = Required(m, "direction", mPath);
                RequireKind(dirElement, $"{mPath}.direction", JsonValueKind.String, "IN or OUT");
                var direction = dirElement.GetString() switch
                {
                    "IN" => MovementDirection.In,
                    "OUT" => MovementDirection.Out,
                    var other => throw new BookingFormatException($"{mPath}.direction", $"{mPath}.direction: must be IN or OUT, not '{other}'"),
                };
                var reason = Optional(m, "movementReason") is { ValueKind: JsonValueKind.String } why ? why.GetString()! : "";
                movements.Add(new ExternalMovement(date, direction, reason));
            }
        }

        return new Booking(dob, sentences, adjustments, rtc)
        {
            ExternalMovements = movements,
            FixedTermRecallLengthDays = ftrLength,
            IsActiveSexOffender = Bool(offender, "isActiveSexOffender", $"{path}.offender"),
        };
    }

    private static Sentence ParseSentence(JsonElement s, string path, int index)
    {
        RequireKind(s, path, JsonValueKind.Object, "an object");
        var typeElement = Required(s, "type", path);
        RequireKind(typeElement, $"{path}.type", JsonValueKind.String, "a string");
        var type = typeElement.GetString();
        if (type != "StandardSentence")
            throw new BookingFormatException($"{path}.type", $"{path}.type: unknown sentence type '{type}' (only StandardSentence, a standard determinate sentence, is supported)");

        var offence = Required(s, "offence", path);
        RequireKind(offence, $"{path}.offence", JsonValueKind.Object, "an object");
        var committedAt = Date(Required(offence, "committedAt", $"{path}.offence"), $"{path}.offence.committedAt");
        var sentencedAt = Date(Required(s, "sentencedAt", path), $"{path}.sentencedAt");
        var duration = ParseDuration(Required(s, "duration", path), $"{path}.duration");

        var id = $"sentence-{index + 1}";
        if (Optional(s, "identifier") is { ValueKind: not JsonValueKind.Null } ident)
        {
            RequireKind(ident, $"{path}.identifier", JsonValueKind.String, "a string");
            id = ident.GetString()!;
        }

        List<string>? consecutiveTo = null;
        if (Optional(s, "consecutiveSentenceUUIDs") is { ValueKind: not JsonValueKind.Null } c)
        {
            RequireKind(c, $"{path}.consecutiveSentenceUUIDs", JsonValueKind.Array, "an array of sentence identifiers");
            consecutiveTo = [];
            var j = 0;
            foreach (var x in c.EnumerateArray())
            {
                RequireKind(x, $"{path}.consecutiveSentenceUUIDs[{j++}]", JsonValueKind.String, "a string");
                consecutiveTo.Add(x.GetString()!);
            }
        }

        Recall? recall = null;
        if (Optional(s, "recall") is { ValueKind: not JsonValueKind.Null } r)
            recall = ParseRecall(r, $"{path}.recall");

        var exclusions = new List<EarlyReleaseExclusion>();
        if (Optional(s, "releaseArrangements") is { ValueKind: not JsonValueKind.Null } ra)
        {
            RequireKind(ra, $"{path}.releaseArrangements", JsonValueKind.Object, "an object");
            // SDS+ releases at two thirds, which this calculator does not implement: refuse rather than miscalculate.
            if (Bool(ra, "isSDSPlus", $"{path}.releaseArrangements"))
                throw new BookingFormatException($"{path}.releaseArrangements.isSDSPlus",
                    $"{path}.releaseArrangements.isSDSPlus: SDS+ sentences (release at two thirds) are not supported; only standard determinate sentences released at the standard point are");
            if (Optional(ra, "sdsEarlyReleaseExclusions") is { ValueKind: not JsonValueKind.Null } ex)
            {
                RequireKind(ex, $"{path}.releaseArrangements.sdsEarlyReleaseExclusions", JsonValueKind.Array, "an array");
                var j = 0;
                foreach (var x in ex.EnumerateArray())
                {
                    var field = $"{path}.releaseArrangements.sdsEarlyReleaseExclusions[{j++}]";
                    RequireKind(x, field, JsonValueKind.String, "a string");
                    var name = x.GetString()!;
                    if (name == "NO") continue;
                    exclusions.Add(ExclusionFrom(name) ?? throw new BookingFormatException(field, $"{field}: unknown early release exclusion '{name}'"));
                }
            }
        }

        return new Sentence(id, sentencedAt, committedAt, duration, consecutiveTo, recall) { Exclusions = exclusions };
    }

    private static EarlyReleaseExclusion? ExclusionFrom(string name) => name switch
    {
        "SEXUAL" => EarlyReleaseExclusion.Sexual,
        "VIOLENT" => EarlyReleaseExclusion.Violent,
        "DOMESTIC_ABUSE" => EarlyReleaseExclusion.DomesticAbuse,
        "NATIONAL_SECURITY" => EarlyReleaseExclusion.NationalSecurity,
        "TERRORISM" => EarlyReleaseExclusion.Terrorism,
        "MURDER" => EarlyReleaseExclusion.Murder,
        "SEXUAL_T3" => EarlyReleaseExclusion.SexualT3,
        "VIOLENT_T3" => EarlyReleaseExclusion.ViolentT3,
        "DOMESTIC_ABUSE_T3" => EarlyReleaseExclusion.DomesticAbuseT3,
        "NATIONAL_SECURITY_T3" => EarlyReleaseExclusion.NationalSecurityT3,
        "TERRORISM_T3" => EarlyReleaseExclusion.TerrorismT3,
        "MURDER_T3" => EarlyReleaseExclusion.MurderT3,
        "PROGRESSION_MODEL_SCHEDULE_13_PART_3" => EarlyReleaseExclusion.ProgressionModelSchedule13Part3,
        _ => null,
    };

    private static Recall ParseRecall(JsonElement r, string path)
    {
        RequireKind(r, path, JsonValueKind.Object, "an object");
        var typeElement = Required(r, "recallType", path);
        RequireKind(typeElement, $"{path}.recallType", JsonValueKind.String, "a string");
        var type = typeElement.GetString() switch
        {
            "STANDARD_RECALL" => RecallType.Standard,
            "FIXED_TERM_RECALL_14" => RecallType.FixedTerm14,
            "FIXED_TERM_RECALL_28" => RecallType.FixedTerm28,
            "FIXED_TERM_RECALL_56" => RecallType.FixedTerm56,
            var other => throw new BookingFormatException($"{path}.recallType",
                $"{path}.recallType: unknown recall type '{other}' (STANDARD_RECALL, FIXED_TERM_RECALL_14, _28 or _56)"),
        };
        LocalDate? revocation = Optional(r, "revocationDate") is { ValueKind: not JsonValueKind.Null } rd ? Date(rd, $"{path}.revocationDate") : null;
        LocalDate? rtc = Optional(r, "returnToCustodyDate") is { ValueKind: not JsonValueKind.Null } rt ? Date(rt, $"{path}.returnToCustodyDate") : null;
        return new Recall(type, revocation, rtc);
    }

    private static Duration ParseDuration(JsonElement d, string path)
    {
        RequireKind(d, path, JsonValueKind.Object, "an object");
        var elements = Required(d, "durationElements", path);
        var ePath = $"{path}.durationElements";
        RequireKind(elements, ePath, JsonValueKind.Object, "an object of YEARS, MONTHS, WEEKS and DAYS");
        int years = 0, months = 0, weeks = 0, days = 0;
        foreach (var p in elements.EnumerateObject())
        {
            var field = $"{ePath}.{p.Name}";
            var n = NonNegativeInt(p.Value, field);
            switch (p.Name)
            {
                case "YEARS": years = n; break;
                case "MONTHS": months = n; break;
                case "WEEKS": weeks = n; break;
                case "DAYS": days = n; break;
                default: throw new BookingFormatException(field, $"{field}: unknown duration unit '{p.Name}' (YEARS, MONTHS, WEEKS or DAYS)");
            }
        }
        var duration = new Duration(years, months, weeks, days);
        if (duration.IsZero)
            throw new BookingFormatException(ePath, $"{ePath}: the sentence length must be more than zero");
        if (years > 100 || months > 1200 || weeks > 5200 || days > 36500)
            throw new BookingFormatException(ePath, $"{ePath}: the sentence length is implausibly long");
        return duration;
    }

    private static IEnumerable<Adjustment> ParseAdjustments(JsonElement adj, string path)
    {
        RequireKind(adj, path, JsonValueKind.Object, "an object mapping adjustment types to lists");
        var result = new List<Adjustment>();
        foreach (var p in adj.EnumerateObject())
        {
            var kindPath = $"{path}.{p.Name}";
            var kind = p.Name switch
            {
                "REMAND" => AdjustmentKind.Remand,
                "TAGGED_BAIL" => AdjustmentKind.TaggedBail,
                "UNLAWFULLY_AT_LARGE" => AdjustmentKind.UnlawfullyAtLarge,
                "ADDITIONAL_DAYS_AWARDED" => AdjustmentKind.AdditionalDaysAwarded,
                "RESTORATION_OF_ADDITIONAL_DAYS_AWARDED" => AdjustmentKind.RestorationOfAdditionalDaysAwarded,
                "RECALL_REMAND" => AdjustmentKind.RecallRemand,
                "RECALL_TAGGED_BAIL" => AdjustmentKind.RecallTaggedBail,
                _ => throw new BookingFormatException(kindPath, $"{kindPath}: unknown adjustment type '{p.Name}'"),
            };
            RequireKind(p.Value, kindPath, JsonValueKind.Array, "an array");
            var i = 0;
            foreach (var a in p.Value.EnumerateArray())
            {
                var aPath = $"{kindPath}[{i++}]";
                RequireKind(a, aPath, JsonValueKind.Object, "an object");
                var appliesFrom = Date(Required(a, "appliesToSentencesFrom", aPath), $"{aPath}.appliesToSentencesFrom");
                var days = PositiveInt(Required(a, "numberOfDays", aPath), $"{aPath}.numberOfDays");
                if (days > 36500)
                    throw new BookingFormatException($"{aPath}.numberOfDays", $"{aPath}.numberOfDays: {days} days is implausibly long");
                LocalDate? from = Optional(a, "fromDate") is { ValueKind: not JsonValueKind.Null } f ? Date(f, $"{aPath}.fromDate") : null;
                LocalDate? to = Optional(a, "toDate") is { ValueKind: not JsonValueKind.Null } t ? Date(t, $"{aPath}.toDate") : null;
                result.Add(new Adjustment(kind, days, appliesFrom, from, to));
            }
        }
        return result;
    }

    private static JsonElement Required(JsonElement parent, string name, string parentPath)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        var field = parentPath == "$" ? name : $"{parentPath}.{name}";
        throw new BookingFormatException(field, $"{field}: required field is missing");
    }

    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value : null;

    private static void RequireKind(JsonElement e, string field, JsonValueKind kind, string description)
    {
        if (e.ValueKind != kind)
            throw new BookingFormatException(field, $"{field}: must be {description}, not {Describe(e)}");
    }

    private static LocalDate Date(JsonElement e, string field)
    {
        RequireKind(e, field, JsonValueKind.String, "a date (yyyy-mm-dd)");
        var text = e.GetString()!;
        var parsed = IsoDate.Parse(text);
        if (!parsed.Success)
            throw new BookingFormatException(field, $"{field}: '{text}' is not a real date in the form yyyy-mm-dd");
        if (parsed.Value.Year is < 1900 or > 2199)
            throw new BookingFormatException(field, $"{field}: {text} is outside the years 1900 to 2199");
        return parsed.Value;
    }

    private static bool Bool(JsonElement parent, string name, string parentPath)
    {
        if (Optional(parent, name) is not { } v || v.ValueKind == JsonValueKind.Null) return false;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new BookingFormatException($"{parentPath}.{name}", $"{parentPath}.{name}: must be true or false, not {Describe(v)}"),
        };
    }

    private static int NonNegativeInt(JsonElement e, string field)
    {
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out var n))
            throw new BookingFormatException(field, $"{field}: must be a whole number, not {Describe(e)}");
        if (n < 0) throw new BookingFormatException(field, $"{field}: must not be negative ({n})");
        return n;
    }

    private static int PositiveInt(JsonElement e, string field)
    {
        var n = NonNegativeInt(e, field);
        if (n == 0) throw new BookingFormatException(field, $"{field}: must be more than zero");
        return n;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(e.GetString()!)}\"",
        JsonValueKind.Number => $"the number {Truncate(e.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
