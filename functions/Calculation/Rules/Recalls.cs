using NodaTime;
using ShortSentences.Calculation.Explanations;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// A recalled term: release is at the PRRD. A standard recall runs to the end of the sentence (PRRD = SLED); a
/// fixed-term recall releases after 14, 28 or 56 days in custody from the return to custody, extended by days
/// unlawfully at large or awarded after the return, and never after the SLED.
/// </summary>
public static class Recalls
{
    /// <summary>
    /// Days of a fixed-term recall for this term: 56 where the 56-day recall was given; a 28-day recall is 14 days for
    /// a term under 12 months (CJA 2003 s.255B as it stood before 31 March 2026).
    /// </summary>
    public static int FixedTermDays(RecallType type, Term term) => type switch
    {
        RecallType.FixedTerm14 => 14,
        RecallType.FixedTerm28 => SentenceTrack.UnderTwelveMonths(term.Start, term.Duration) ? 14 : 28,
        RecallType.FixedTerm56 => 56,
        _ => 0,
    };

    public static void Apply(TermDates t, Recall recall, Booking booking, CustodialPeriod period)
    {
        t.Remove(ReleaseDateType.CRD);
        t.Remove(ReleaseDateType.ARD);
        var sled = t.AdjustedExpiry;
        if (!t.Dates.ContainsKey(ReleaseDateType.SLED) && !t.Dates.ContainsKey(ReleaseDateType.LED))
        {
            // A recalled sentence is a licence sentence: its expiry is a SLED.
            t.Remove(ReleaseDateType.SED);
            t.Remove(ReleaseDateType.LED);
            var (end, adjustments) = (t.UnadjustedExpiry, t.Adjustments);
            t.Set(ReleaseDateType.SLED, sled, () => $"SLED {Explain.Date(sled)}: the end of the recalled sentence {Explain.Date(end)}{Explain.Adjustments(adjustments)}.");
        }
        t.Licence = true;

        if (recall.Type == RecallType.Standard)
        {
            t.ReleaseDate = sled;
            t.Set(ReleaseDateType.PRRD, sled, () => $"PRRD {Explain.Date(sled)}: after a standard recall the person stays in custody to the SLED.");
            return;
        }

        var days = FixedTermDays(recall.Type, t.Term);
        var returned = booking.ReturnToCustodyDate ?? recall.ReturnToCustodyDate;
        if (returned is not { } rtc)
        {
            t.ReleaseDate = sled;
            t.Set(ReleaseDateType.PRRD, sled, () => $"PRRD {Explain.Date(sled)}: the fixed-term recall has no return to custody date, so release is taken as the SLED.");
            return;
        }
        int ualAfter = 0, awardedAfter = 0;
        foreach (var a in booking.Adjustments)
        {
            if (a.AppliesToSentencesFrom < rtc || !period.Owns(a.AppliesToSentencesFrom)) continue;
            if (a.Kind == AdjustmentKind.UnlawfullyAtLarge) ualAfter += a.Days;
            else if (a.Kind == AdjustmentKind.AdditionalDaysAwarded) awardedAfter += a.Days;
            else if (a.Kind == AdjustmentKind.RestorationOfAdditionalDaysAwarded) awardedAfter -= a.Days;
        }
        awardedAfter = Math.Max(0, awardedAfter);
        var fixedTerm = rtc.PlusDays(days - 1 + ualAfter + awardedAfter);
        var capped = fixedTerm > sled;
        var date = capped ? sled : fixedTerm;
        t.ReleaseDate = date;
        t.Set(ReleaseDateType.PRRD, date, () =>
            $"PRRD {Explain.Date(date)}: a {days}-day fixed-term recall counted from the return to custody on {Explain.Date(rtc)}"
            + (ualAfter > 0 ? $", plus {Explain.Days(ualAfter)} unlawfully at large since" : "")
            + (awardedAfter > 0 ? $", plus {Explain.Additional(awardedAfter)} since" : "")
            + (capped ? $"; that passes the SLED, so release is at the SLED {Explain.Date(sled)}." : "."));
    }
}
