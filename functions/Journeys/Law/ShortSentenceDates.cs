using NodaTime;

namespace ShortSentences.Journeys.Law;

/// <summary>
/// A minimal single-sentence calculation for the journeys' own needs (CRDS arithmetic of DOMAIN.md section 3 for one
/// standard determinate sentence: remand and tagged bail, release fraction by date, ORA 2014 PSS, HDCED by the quarter
/// rule). Concurrent and consecutive sentences, additional days and unlawfully-at-large time are the calculator's job.
/// </summary>
public sealed class ShortSentenceDates(LawBook law) : IKeyDateCalculator
{
    public int SentenceDays(SentenceTerms t) => Period.Between(t.SentenceDate, SentenceEnd(t), PeriodUnits.Days).Days + 1;

    /// <summary>(sentence date - 1) + months + days; the 1st of a month with months runs to the last day of the final month.</summary>
    public static LocalDate SentenceEnd(SentenceTerms t)
    {
        var end = t.SentenceDate.PlusDays(-1).PlusMonths(t.Months);
        if (t.SentenceDate.Day == 1 && t.Months > 0)
            end = new LocalDate(end.Year, end.Month, 1).PlusMonths(1).PlusDays(-1);
        return end.PlusDays(t.Days);
    }

    public KeyDates Calculate(SentenceTerms t, LocalDate onDay)
    {
        var length = SentenceDays(t);
        var credit = t.RemandDays + t.TaggedBailDays;
        var fraction = law.ReleaseFraction(length, onDay);
        var custodial = (int)Math.Ceiling(length * fraction);
        var crd = t.SentenceDate.PlusDays(custodial - 1 - credit);
        if (crd < t.SentenceDate) crd = t.SentenceDate;
        var sled = SentenceEnd(t).PlusDays(-credit);
        if (sled < crd) sled = crd;

        var oraApplies = law.OraInForce(t.OffenceDate) && length > 1 && length < 730;
        if (!law.OraInForce(t.OffenceDate) && length < 365)
            // Offences before ORA 2014, under 12 months: unconditional release at the halfway point, no licence.
            return new KeyDates(crd, crd, Unconditional: true);

        LocalDate? tused = null;
        var licenceDays = Period.Between(crd, sled, PeriodUnits.Days).Days;
        if (oraApplies && licenceDays < 365 && !law.PssRepealedOn(onDay)) tused = crd.PlusMonths(12);

        return new KeyDates(crd, sled, tused, Hdced(length, custodial, credit, t.SentenceDate, crd, onDay));
    }

    /// <summary>HDC eligibility for sentences of 12 weeks or more: a quarter of the sentence served, at least 28 days.</summary>
    private LocalDate? Hdced(int length, int custodial, int credit, LocalDate sentenceDate, LocalDate crd, LocalDate onDay)
    {
        if (length < 84 || !law.HdcAvailable(onDay)) return null;
        var served = Math.Max(28, (int)Math.Ceiling(length / 4m));
        if (served >= custodial - 14) return null; // too little time between HDCED and CRD for curfew to be worth it
        var hdced = sentenceDate.PlusDays(served - 1 - credit);
        if (hdced < sentenceDate) hdced = sentenceDate;
        return hdced < crd ? hdced : null;
    }
}
