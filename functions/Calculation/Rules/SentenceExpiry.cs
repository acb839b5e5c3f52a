using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using ShortSentences.Calculation.Explanations;

namespace ShortSentences.Calculation.Rules;

/// <summary>SLED or SED: the last day of the sentence, less remand and tagged bail, plus unlawfully-at-large days.
/// Additional days awarded never move it. Time served before sentence that covers the whole sentence leaves it expiring
/// on the sentence date, not before.</summary>
public static class SentenceExpiry
{
    public static void Apply(TermDates t)
    {
        var a = t.Adjustments;
        var (duration, start, end) = (t.Term.Duration, t.Term.Start, t.UnadjustedExpiry);
        var adjusted = end.PlusDays(a.UnlawfullyAtLarge - a.Deductions);
        var servedBeforeSentence = adjusted < start;
        var date = servedBeforeSentence ? start : adjusted;
        t.AdjustedExpiry = date;
        t.ServedBeforeSentence = servedBeforeSentence;
        var type = t.Track == Track.ConditionalToExpiry ? ReleaseDateType.SLED : ReleaseDateType.SED;
        t.Set(type, date, () =>
            $"{type} {Explain.Date(date)}: the sentence of {duration} from {Explain.Date(start)} ends on {Explain.Date(end)}{Explain.Adjustments(a)}"
            + (servedBeforeSentence ? "; time already served covers the whole sentence, so it expires on the sentence date." : "."));
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
        var start = t.Term.Start;
        var length = t.LengthDays;
        var date = SentenceArithmetic.DayNumber(start, days).PlusDays(a.UnlawfullyAtLarge - a.Deductions);
        t.Set(ReleaseDateType.LED, date, () =>
            $"LED {Explain.Date(date)}: the licence of a sentence passed before LASPO ends at three quarters; three quarters of {Explain.Days(length)} is {Explain.Days(days)}, counted from {Explain.Date(start)}{Explain.Adjustments(a)}.");
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
        var release = t.ReleaseDate;
        var uncapped = release.PlusDays(half);
        if (uncapped <= t.AdjustedExpiry)
        {
            t.Set(ReleaseDateType.LED, uncapped, () =>
                $"LED {Explain.Date(uncapped)}: the licence covers half of the {Explain.Days(oraDays)} of sentences for offences after 1 February 2015, {Explain.Days(half)} after release on {Explain.Date(release)}.");
            return;
        }
        var capped = t.AdjustedExpiry;
        t.Set(ReleaseDateType.LED, capped, () =>
            $"LED {Explain.Date(capped)}: the licence would cover half of the {Explain.Days(oraDays)} of sentences for offences after 1 February 2015 after release on {Explain.Date(release)}, but cannot run past the sentence expiry.");
    }
}
