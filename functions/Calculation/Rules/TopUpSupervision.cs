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

    public static void Apply(TermDates t)
    {
        var a = t.Adjustments;
        var start = t.Term.Start;
        var point = t.UnadjustedRelease;
        if (t.ReleaseWithoutAwarded <= start)
        {
            var afterImmediate = start.PlusMonths(12);
            t.Set(ReleaseDateType.TUSED, afterImmediate, () =>
                $"TUSED {Explain.Date(afterImmediate)}: the licence is under 12 months, release was immediate on {Explain.Date(start)}, so post-sentence supervision runs to 12 months after that.");
            return;
        }
        var date = point.PlusDays(a.UnlawfullyAtLarge - a.Deductions).PlusMonths(12);
        t.Set(ReleaseDateType.TUSED, date, () =>
            $"TUSED {Explain.Date(date)}: the licence is under 12 months, so post-sentence supervision runs to 12 months after the release point {Explain.Date(point)}{Explain.Adjustments(a)} (additional days awarded do not extend supervision).");
    }

    public static int AgeOn(LocalDate dateOfBirth, LocalDate date) => Period.Between(dateOfBirth, date, PeriodUnits.Years).Years;
}
