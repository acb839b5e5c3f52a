using NodaTime;

namespace ShortSentences.Calculation.Law;

/// <summary>
/// The law the calculator applies, as data: every rule that changed over time carries its commencement date.
/// A profile is one view of the statute book (e.g. CRDS's `sds-50`, or the law as in force on a given day).
/// A null commencement means the change is not part of this profile.
/// </summary>
public sealed record RuleProfile
{
    public required string Name { get; init; }

    /// <summary>Release point of a standard determinate sentence when no early release scheme applies (CJA 2003 s.244).</summary>
    public Fraction StandardRelease { get; init; } = Fraction.OneHalf;

    /// <summary>ORA 2014: offences on or after this date with sentences over 1 day and under 2 years get licence and PSS.</summary>
    public LocalDate OffenderRehabilitationAct { get; init; } = LegislationDates.OffenderRehabilitationAct;

    /// <summary>SDS40: release at 40% for sentences not excluded by offence, commencing by tranche.</summary>
    public EarlyReleaseScheme? Sds40 { get; init; }

    /// <summary>SDS40's third tranche: from this date the wider exclusion list (`*_T3` categories) applies.</summary>
    public LocalDate? Sds40WiderExclusions { get; init; }

    /// <summary>Progression model: release at one third; phased in for people already serving, immediate for new sentences.</summary>
    public EarlyReleaseScheme? ProgressionModel { get; init; }

    /// <summary>Sentences passed on or after this date are under the progression model at once, whatever their length.</summary>
    public LocalDate? ProgressionModelForNewSentences { get; init; }

    /// <summary>HDC maximum period rises from 180 to 365 days (HDCEDs falling on or after this date).</summary>
    public LocalDate? Hdc365 { get; init; }

    /// <summary>Adult HDC ends for sentences passed on or after this date.</summary>
    public LocalDate? AdultHdcRepeal { get; init; }

    /// <summary>Fixed-term recalls become 56 days for adults (tranches by sentence length).</summary>
    public IReadOnlyList<Tranche> FixedTermRecall56 { get; init; } = [];

    /// <summary>PSS repealed (Sentencing Act 2026 s.34): no TUSED at all, since existing PSS also ends.</summary>
    public LocalDate? PssRepeal { get; init; }

    /// <summary>Early removal scheme (CJA 2003 s.260): before ERS30, removal after half the custodial period and at most 544 days before release.</summary>
    public EarlyRemovalRule Ers50 { get; init; } = new("ERS50", Fraction.OneHalf, Period.FromDays(544));

    /// <summary>ERS30 (September 2025): removal after 30% of the custodial period and at most 4 years before release.</summary>
    public EarlyRemovalRule Ers30 { get; init; } = new("ERS30", new Fraction(3, 10), Period.FromYears(4));
    public LocalDate? Ers30Commencement { get; init; } = LegislationDates.Ers30;

    /// <summary>Every change in this profile, in date order, for the journeys ("law commenced" events) and for staff.</summary>
    public IReadOnlyList<Commencement> Commencements => LegislationDates.CommencementsOf(this);
}

/// <summary>An early removal scheme: removal once this fraction of the custodial period is served, at most this long before release.</summary>
public sealed record EarlyRemovalRule(string Name, Fraction Point, Period MaximumBeforeRelease);

/// <summary>A change in the law that a journey in flight must react to.</summary>
public sealed record Commencement(LocalDate Date, string Name, string Description);
