using NodaTime;

namespace ShortSentences.Journeys.Law;

/// <summary>What a commenced piece of legislation does to journeys (see DOMAIN.md section 3).</summary>
public enum LawEffect
{
    /// <summary>ORA 2014: licence + PSS for offences from this date (new sentences only).</summary>
    PssIntroduced,
    /// <summary>Standard determinate sentences released at a new fraction; people already inside move to it.</summary>
    ReleaseFraction,
    /// <summary>HDC period extended (no effect on the short sentences followed here: their HDCED is set by the custody floor).</summary>
    HdcPeriodExtended,
    /// <summary>Presumption of suspended sentences for 12 months or less (affects sentencing, not journeys in flight).</summary>
    SuspendedSentencePresumption,
    /// <summary>Fixed-term recall length changes for recalls decided from this date.</summary>
    FixedTermRecallLength,
    /// <summary>PSS repealed: no new TUSED, PSS in flight ends, breaches begun before it can still be dealt with.</summary>
    PssRepealed,
    /// <summary>Adult HDC ends: HDCED removed from journeys still in custody.</summary>
    HdcEnded,
}

/// <summary>
/// One effective-dated change in the law. <paramref name="Fraction"/> applies to <see cref="LawEffect.ReleaseFraction"/>
/// for sentences of at most <paramref name="MaxSentenceDays"/> days (null: all); <paramref name="RecallDays"/> to
/// <see cref="LawEffect.FixedTermRecallLength"/>.
/// </summary>
public sealed record LawChange(
    string Id,
    LocalDate Commences,
    LawEffect Effect,
    string Description,
    decimal? Fraction = null,
    int? MaxSentenceDays = null,
    int? RecallDays = null);
