using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using ShortSentences.Calculation.Explanations;

namespace ShortSentences.Calculation.Rules;

/// <summary>SLED or SED: the last day of the sentence, less remand and tagged bail, plus unlawfully-at-large days.
/// Additional days awarded never move it.</summary>
public static class SentenceExpiry
{
    public static void Apply(TermDates t)
    {
        var a = t.Adjustments;
        var date = t.UnadjustedExpiry.PlusDays(a.UnlawfullyAtLarge - a.Deductions);
        t.AdjustedExpiry = date;
        var type = t.Track == Track.ConditionalToExpiry ? ReleaseDateType.SLED : ReleaseDateType.SED;
        t.Set(type, date,
            $"{type} {Explain.Date(date)}: the sentence of {t.Term.Duration} from {Explain.Date(t.Term.Start)} ends on {Explain.Date(t.UnadjustedExpiry)}{Explain.Adjustments(a)}.");
    }
}

/// <summary>LED where the licence ends before the sentence does.</summary>
public static class LicenceExpiry
{
    /// <summary>CJA 2003 before LASPO: the licence ends at three quarters of the sentence.</summary>
    public static void ThreeQuarters(TermDates t)
    {
        var a = t.Adjustments;
        var days = (t.LengthDays * 3 + 3) / 4;
        var date = SentenceArithmetic.DayNumber(t.Term.Start, days).PlusDays(a.UnlawfullyAtLarge - a.Deductions);
        t.Set(ReleaseDateType.LED, date,
            $"LED {Explain.Date(date)}: the licence of a sentence passed before LASPO ends at three quarters; three quarters of {Explain.Days(t.LengthDays)} is {Explain.Days(days)}, counted from {Explain.Date(t.Term.Start)}{Explain.Adjustments(a)}.");
    }

    /// <summary>A consecutive term mixing ORA and pre-ORA offences: licence for half the ORA sentences after release.</summary>
    public static void MixedOra(TermDates t, Law.RuleProfile law)
    {
        Duration? oraDuration = null;
        foreach (var p in t.Term.Parts)
            if (SentenceTrack.IsOra(p, law))
                oraDuration = oraDuration is null ? p.Duration : SentenceArithmetic.Append(oraDuration, p.Duration);
        var oraDays = SentenceArithmetic.LengthInDays(t.Term.Start, oraDuration!);
        var half = oraDays / 2;
        var date = t.ReleaseDate.PlusDays(half);
        var why = $"LED {Explain.Date(date)}: the licence covers half of the {Explain.Days(oraDays)} of sentences for offences after 1 February 2015, {Explain.Days(half)} after release on {Explain.Date(t.ReleaseDate)}";
        if (date > t.AdjustedExpiry)
        {
            date = t.AdjustedExpiry;
            why = $"LED {Explain.Date(date)}: the licence would cover half of the {Explain.Days(oraDays)} of sentences for offences after 1 February 2015 after release on {Explain.Date(t.ReleaseDate)}, but cannot run past the sentence expiry";
        }
        t.Set(ReleaseDateType.LED, date, why + ".");
    }
}
