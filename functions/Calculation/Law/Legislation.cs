using NodaTime;

namespace ShortSentences.Calculation.Law;

/// <summary>Commencement dates of the statutes and orders the calculator knows (England and Wales).</summary>
public static class LegislationDates
{
    public static readonly LocalDate OffenderRehabilitationAct = new(2015, 2, 1);
    public static readonly LocalDate Sds40Tranche1 = new(2024, 9, 10);
    public static readonly LocalDate Sds40Tranche2 = new(2024, 10, 22);
    public static readonly LocalDate Sds40Tranche3 = new(2024, 12, 16);
    public static readonly LocalDate Hdc365 = new(2025, 6, 3);
    public static readonly LocalDate FixedTermRecall56 = new(2026, 3, 31);
    /// <summary>ERS30 commenced in September 2025; the exact day (2 September) is inferred, see docs/calculation.md.</summary>
    public static readonly LocalDate Ers30 = new(2025, 9, 2);
    public static readonly LocalDate PssRepeal = new(2026, 5, 8);
    public static readonly LocalDate AdultHdcRepeal = new(2026, 9, 2);
    public static readonly LocalDate ProgressionModel = new(2026, 10, 1);

    internal static IReadOnlyList<Commencement> CommencementsOf(RuleProfile p)
    {
        var list = new List<Commencement>
        {
            new(p.OffenderRehabilitationAct, "ORA_2014", "Offender Rehabilitation Act 2014: licence and post-sentence supervision for sentences under 2 years"),
        };
        if (p.Sds40 is { } sds40)
            foreach (var t in sds40.Tranches)
                list.Add(new(t.Commencement, $"SDS40_{t.Name}", $"SDS40: release at 40% ({Describe(t)})"));
        if (p.Sds40WiderExclusions is { } t3)
            list.Add(new(t3, "SDS40_TRANCHE_3", "SDS40: wider list of offences excluded from 40% release"));
        if (p.Hdc365 is { } hdc) list.Add(new(hdc, "HDC_365", "Home detention curfew for up to 365 days"));
        if (p.Ers30Commencement is { } ers) list.Add(new(ers, "ERS_30", "Early removal of foreign nationals after 30% of the custodial period, up to 4 years early"));
        foreach (var t in p.FixedTermRecall56)
            list.Add(new(t.Commencement, $"FTR_56_{t.Name}", $"Fixed-term recall becomes 56 days ({Describe(t)})"));
        if (p.PssRepeal is { } pss) list.Add(new(pss, "PSS_REPEAL", "Post-sentence supervision repealed (Sentencing Act 2026 s.34)"));
        if (p.AdultHdcRepeal is { } hdcEnd) list.Add(new(hdcEnd, "ADULT_HDC_REPEAL", "Home detention curfew ends for adults sentenced from this date"));
        if (p.ProgressionModelForNewSentences is { } pmNew)
            list.Add(new(pmNew, "PROGRESSION_MODEL_NEW_SENTENCES", "Progression model: release at one third for sentences passed from this date"));
        if (p.ProgressionModel is { } pm)
            foreach (var t in pm.Tranches)
                list.Add(new(t.Commencement, $"PROGRESSION_MODEL_{t.Name}", $"Progression model: release at one third ({Describe(t)})"));
        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    private static string Describe(Tranche t) =>
        t.MaxSentenceDays is { } d ? $"{t.Name.ToLowerInvariant().Replace('_', ' ')}: sentences of {d} days or less" :
        t.UnderYears is { } y ? $"{t.Name.ToLowerInvariant().Replace('_', ' ')}: sentences under {y} years" : $"{t.Name.ToLowerInvariant().Replace('_', ' ')}: all remaining sentences";
}

/// <summary>
/// The legislation table: named rule profiles (as CRDS names them) and the law as in force on any date.
/// </summary>
public static class Legislation
{
    private static readonly IReadOnlySet<EarlyReleaseExclusion> Sds40Exclusions = new HashSet<EarlyReleaseExclusion>
    {
        EarlyReleaseExclusion.Sexual, EarlyReleaseExclusion.Violent, EarlyReleaseExclusion.DomesticAbuse,
        EarlyReleaseExclusion.NationalSecurity, EarlyReleaseExclusion.Terrorism, EarlyReleaseExclusion.Murder,
    };

    private static readonly IReadOnlySet<EarlyReleaseExclusion> ProgressionExclusions = new HashSet<EarlyReleaseExclusion>
    {
        EarlyReleaseExclusion.ProgressionModelSchedule13Part3,
    };

    /// <summary>Before SDS40: release at one half throughout (CRDS `sds-50`).</summary>
    public static readonly RuleProfile Sds50 = new() { Name = "sds-50", Hdc365 = LegislationDates.Hdc365 };

    /// <summary>Production rules without the progression model (CRDS `calculation-params`).</summary>
    public static readonly RuleProfile CalculationParams = new()
    {
        Name = "calculation-params",
        Sds40 = new EarlyReleaseScheme("SDS40", Fraction.FortyPercent,
            [
                // Under 5 years first, then everyone else.
                new Tranche("TRANCHE_1", LegislationDates.Sds40Tranche1, UnderYears: 5),
                new Tranche("TRANCHE_2", LegislationDates.Sds40Tranche2),
            ], Sds40Exclusions, "SDS40"),
        Sds40WiderExclusions = LegislationDates.Sds40Tranche3,
        Hdc365 = LegislationDates.Hdc365,
        FixedTermRecall56 = [new Tranche("TRANCHE_1", LegislationDates.FixedTermRecall56)],
    };

    /// <summary>Production rules plus the one-third progression model from 1 October 2026 (CRDS `sds-progression-model-october`).</summary>
    public static readonly RuleProfile ProgressionModelOctober = CalculationParams with
    {
        Name = "sds-progression-model-october",
        ProgressionModel = new EarlyReleaseScheme("SDS_PROGRESSION_MODEL", Fraction.OneThird,
            [
                new Tranche("TRANCHE_1", LegislationDates.ProgressionModel, MaxSentenceDays: 574),
                new Tranche("TRANCHE_2", new LocalDate(2027, 6, 8)),
            ], ProgressionExclusions, "the progression model"),
        ProgressionModelForNewSentences = LegislationDates.AdultHdcRepeal,
        AdultHdcRepeal = LegislationDates.AdultHdcRepeal,
    };

    /// <summary>Every change this product knows, with its commencement.</summary>
    public static readonly RuleProfile StatuteBook = ProgressionModelOctober with
    {
        Name = "statute-book",
        PssRepeal = LegislationDates.PssRepeal,
    };

    public static IReadOnlyList<string> ProfileNames { get; } = ["sds-50", "calculation-params", "sds-progression-model-october"];

    /// <summary>A named profile; null when the name is unknown.</summary>
    public static RuleProfile? Profile(string name) => name switch
    {
        "sds-50" => Sds50,
        "calculation-params" => CalculationParams,
        "sds-progression-model-october" => ProgressionModelOctober,
        "statute-book" => StatuteBook,
        _ => null,
    };

    /// <summary>The law as in force on a date: every change commencing after it is left out.</summary>
    public static RuleProfile AsInForce(LocalDate date) => Truncate(StatuteBook, date) with { Name = $"as-in-force-{date:yyyy-MM-dd}" };

    /// <summary>All commencements of the statute book, in date order.</summary>
    public static IReadOnlyList<Commencement> Commencements => StatuteBook.Commencements;

    /// <summary>What the law says on one day, for journeys that must follow the law in force as it changes.</summary>
    public static LawInForce RuleOn(LocalDate date) => LawInForce.From(AsInForce(date), date);

    private static RuleProfile Truncate(RuleProfile p, LocalDate date)
    {
        static LocalDate? Keep(LocalDate? d, LocalDate date) => d is { } x && x <= date ? x : null;
        static EarlyReleaseScheme? KeepScheme(EarlyReleaseScheme? s, LocalDate date, bool inForceForNewSentences = false)
        {
            if (s is null) return null;
            var tranches = s.Tranches.Where(t => t.Commencement <= date).ToList();
            return tranches.Count == 0 && !inForceForNewSentences ? null : s with { Tranches = tranches };
        }
        return p with
        {
            Sds40 = KeepScheme(p.Sds40, date),
            Sds40WiderExclusions = Keep(p.Sds40WiderExclusions, date),
            ProgressionModel = KeepScheme(p.ProgressionModel, date, p.ProgressionModelForNewSentences <= date),
            ProgressionModelForNewSentences = Keep(p.ProgressionModelForNewSentences, date),
            Hdc365 = Keep(p.Hdc365, date),
            Ers30Commencement = Keep(p.Ers30Commencement, date),
            AdultHdcRepeal = Keep(p.AdultHdcRepeal, date),
            FixedTermRecall56 = p.FixedTermRecall56.Where(t => t.Commencement <= date).ToList(),
            PssRepeal = Keep(p.PssRepeal, date),
        };
    }
}

/// <summary>The rules in force on one day, in the terms a journey needs.</summary>
public sealed record LawInForce(
    LocalDate Date,
    Fraction ReleaseForNewStandardSentence,
    bool PostSentenceSupervision,
    int MaximumHdcDays,
    bool AdultHdc,
    int FixedTermRecallDaysUnder12Months,
    int FixedTermRecallDays12MonthsOrMore)
{
    internal static LawInForce From(RuleProfile p, LocalDate date)
    {
        var release = p.ProgressionModelForNewSentences is { } pm && pm <= date ? p.ProgressionModel?.Release ?? p.StandardRelease
            : p.Sds40 is { } s ? s.Release : p.StandardRelease;
        var ftr56 = p.FixedTermRecall56.Count > 0;
        return new LawInForce(
            date,
            release,
            PostSentenceSupervision: date >= p.OffenderRehabilitationAct && p.PssRepeal is null,
            MaximumHdcDays: p.Hdc365 is null ? 180 : 365,
            AdultHdc: p.AdultHdcRepeal is null,
            FixedTermRecallDaysUnder12Months: ftr56 ? 56 : 14,
            FixedTermRecallDays12MonthsOrMore: ftr56 ? 56 : 28);
    }
}
