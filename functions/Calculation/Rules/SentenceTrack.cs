using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>Which release regime a term falls under, decided by offence dates, length and age.</summary>
public enum Track
{
    /// <summary>Automatic release without licence (offences before ORA 2014 with terms under 12 months, 1-day terms, under 18s under 12 months).</summary>
    AutomaticUnconditional,
    /// <summary>Conditional release on licence to the end of the sentence.</summary>
    ConditionalToExpiry,
    /// <summary>CJA 2003 before LASPO: licence ends at three quarters of the sentence.</summary>
    ConditionalLicenceToThreeQuarters,
    /// <summary>A consecutive term mixing ORA and pre-ORA offences: the licence covers half of the ORA part after release.</summary>
    ConditionalMixedOra,
}

public static class SentenceTrack
{
    /// <summary>LASPO 2012 commencement: before it, CJA 2003 licences ended at three quarters.</summary>
    public static readonly LocalDate Laspo = new(2012, 12, 3);

    /// <summary>CJA 2003 release provisions commenced: offences before it were under CJA 1991 rules.</summary>
    public static readonly LocalDate CriminalJusticeAct2003 = new(2005, 4, 4);

    /// <summary>CJA 1991 sentences passed before LASPO: licence to three quarters, overlapping terms served as one.</summary>
    public static bool IsCja1991(Sentence s) => s.OffenceCommittedAt < CriminalJusticeAct2003 && s.SentencedAt < Laspo;

    public static bool IsOra(Sentence s, RuleProfile law) => s.OffenceCommittedAt >= law.OffenderRehabilitationAct;

    public static bool UnderTwelveMonths(LocalDate start, Duration duration) =>
        SentenceArithmetic.SentenceEnd(start, duration) < SentenceArithmetic.SentenceEnd(start, Duration.OfMonths(12));

    public static Track Of(Term term, int lengthDays, RuleProfile law)
    {
        if (lengthDays <= 1) return Track.AutomaticUnconditional;
        var anyOra = false;
        var anyPreOra = false;
        foreach (var p in term.Parts)
        {
            if (IsOra(p, law)) anyOra = true; else anyPreOra = true;
        }
        var under12 = UnderTwelveMonths(term.Start, term.Duration);
        if (!anyOra && under12) return Track.AutomaticUnconditional;
        if (anyOra && anyPreOra && term.IsConsecutive && under12) return Track.ConditionalMixedOra;
        if (!anyOra && term.Parts.All(IsCja1991)) return Track.ConditionalLicenceToThreeQuarters;
        return Track.ConditionalToExpiry;
    }

    public static bool HasOraPart(Term term, RuleProfile law)
    {
        foreach (var p in term.Parts) if (IsOra(p, law)) return true;
        return false;
    }

    /// <summary>Someone under 18 on release from an ORA term under 12 months is released without licence (and so without PSS).</summary>
    public static bool NoLicenceUnder18OnRelease(TermDates t, LocalDate dateOfBirth) =>
        t.Track == Track.ConditionalToExpiry && UnderTwelveMonths(t.Term.Start, t.Term.Duration)
        && TopUpSupervision.AgeOn(dateOfBirth, t.ReleaseWithoutAwarded) < 18;

    /// <summary>The progression model releases everyone it covers on licence, whatever the offence date.</summary>
    public static bool LicenceUnderProgressionModel(TermDates t, RuleProfile law) =>
        t.Track == Track.AutomaticUnconditional && t.Scheme is { } scheme && ReferenceEquals(scheme, law.ProgressionModel);
}
