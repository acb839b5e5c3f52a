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
    public static int FixedTermDays(RecallType type) => type switch
    {
        RecallType.FixedTerm14 => 14,
        RecallType.FixedTerm28 => 28,
        RecallType.FixedTerm56 => 56,
        _ => 0,
    };

    public static void Apply(TermDates t, Recall recall, Booking booking, CustodialPeriod period)
    {
        t.Remove(ReleaseDateType.CRD);
        t.Remove(ReleaseDateType.ARD);
        var sled = t.AdjustedExpiry;
        if (!t.Dates.ContainsKey(ReleaseDateType.SLED))
        {
            // A recalled sentence is a licence sentence: its expiry is a SLED.
            t.Remove(ReleaseDateType.SED);
            t.Remove(ReleaseDateType.LED);
            t.Set(ReleaseDateType.SLED, sled, $"SLED {Explain.Date(sled)}: the end of the recalled sentence {Explain.Date(t.UnadjustedExpiry)}{Explain.Adjustments(t.Adjustments)}.");
        }
        t.Licence = true;

        if (recall.Type == RecallType.Standard)
        {
            t.ReleaseDate = sled;
            t.Set(ReleaseDateType.PRRD, sled, $"PRRD {Explain.Date(sled)}: after a standard recall the person stays in custody to the SLED.");
            return;
        }

        var days = FixedTermDays(recall.Type);
        var returned = recall.ReturnToCustodyDate ?? booking.ReturnToCustodyDate;
        if (returned is not { } rtc)
        {
            t.ReleaseDate = sled;
            t.Set(ReleaseDateType.PRRD, sled, $"PRRD {Explain.Date(sled)}: the fixed-term recall has no return to custody date, so release is taken as the SLED.");
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
        var date = rtc.PlusDays(days - 1 + ualAfter + awardedAfter);
        var why = $"PRRD {Explain.Date(date)}: a {days}-day fixed-term recall counted from the return to custody on {Explain.Date(rtc)}"
                  + (ualAfter > 0 ? $", plus {Explain.Days(ualAfter)} unlawfully at large since" : "")
                  + (awardedAfter > 0 ? $", plus {Explain.Days(awardedAfter)} additional days awarded since" : "");
        if (date > sled)
        {
            date = sled;
            why += $"; that passes the SLED, so release is at the SLED {Explain.Date(sled)}";
        }
        t.ReleaseDate = date;
        t.Set(ReleaseDateType.PRRD, date, why + ".");
    }
}
