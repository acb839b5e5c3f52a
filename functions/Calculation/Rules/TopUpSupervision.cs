using NodaTime;
using ShortSentences.Calculation.Explanations;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Calculation.Rules;

/// <summary>
/// TUSED (ORA 2014): a sentence over 1 day and under 2 years for an offence from 1 February 2015 whose licence is
/// shorter than 12 months is topped up with post-sentence supervision to 12 months after release.
/// Not for people under 18 on release, and never once PSS is repealed.
/// </summary>
public static class TopUpSupervision
{
    public static bool Applies(TermDates t, RuleProfile law, LocalDate dateOfBirth)
    {
        if (law.PssRepeal is not null) return false;
        if (t.Track is Track.AutomaticUnconditional or Track.ConditionalLicenceToThreeQuarters) return false;
        if (!SentenceTrack.HasOraPart(t.Term, law)) return false;
        if (t.LengthDays <= 1) return false;
        if (t.LengthDays - t.CustodialDays >= 365) return false;
        return AgeOn(dateOfBirth, t.ReleaseWithoutAwarded) >= 18;
    }

    /// <summary>
    /// CRDS (TusedCalculator): 12 months counted on from release. After an immediate release (the sentence date, once
    /// deductions, days unlawfully at large in custody and additional days are applied) from the sentence date;
    /// otherwise from the release point less deductions plus days unlawfully at large in custody. Days unlawfully at
    /// large after release on a recalled term are added after the 12 months, so they are counted in days, never as
    /// part of a month (which differs across month ends and a leap day).
    /// </summary>
    public static void Apply(TermDates t)
    {
        var a = t.Adjustments;
        var start = t.Term.Start;
        var point = t.UnadjustedRelease;
        var afterRelease = a.UnlawfullyAtLargeAfterRelease;
        var released = point.PlusDays(a.UnlawfullyAtLargeInCustody - a.Deductions);
        var awarded = a.NetAwarded - t.UnusedAwardedDays;
        if (released.PlusDays(awarded) <= start)
        {
            var afterImmediate = start.PlusMonths(12).PlusDays(afterRelease);
            t.Set(ReleaseDateType.TUSED, afterImmediate, () =>
                $"TUSED {Explain.Date(afterImmediate)}: the licence is under 12 months, release was immediate on {Explain.Date(start)}, so post-sentence supervision runs to 12 months after that"
                + AfterRelease(afterRelease) + ".");
            return;
        }
        var date = released.PlusMonths(12).PlusDays(afterRelease);
        var inCustody = a with { UnlawfullyAtLarge = a.UnlawfullyAtLargeInCustody, UnlawfullyAtLargeAfterRelease = 0 };
        t.Set(ReleaseDateType.TUSED, date, () =>
            $"TUSED {Explain.Date(date)}: the licence is under 12 months, so post-sentence supervision runs to 12 months after the release point {Explain.Date(point)}{Explain.Adjustments(inCustody)}"
            + AfterRelease(afterRelease) + " (additional days awarded do not extend supervision).");
    }

    private static string AfterRelease(int days) =>
        days > 0 ? $", then {Explain.Days(days)} unlawfully at large after release" : "";

    public static int AgeOn(LocalDate dateOfBirth, LocalDate date) => Period.Between(dateOfBirth, date, PeriodUnits.Years).Years;
}
