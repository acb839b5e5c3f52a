using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using ShortSentences.Calculation.Law;
using ShortSentences.Calculation.Rules;

namespace ShortSentences.Calculation;

/// <summary>
/// Release dates for adult standard determinate sentences under 2 years. Pure: no I/O, no clock.
/// Each term (a sentence, or a chain of consecutive sentences) is calculated on its own; concurrent terms are then
/// combined, the latest dates winning.
/// </summary>
public static class ReleaseDateCalculator
{
    public static CalculationResult Calculate(Booking booking, CalculationOptions options)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(options);
        if (booking.Sentences.Count == 0) throw new ArgumentException("the booking has no sentences", nameof(booking));
        var law = options.EffectiveProfile;
        var terms = CustodialPeriod.Assign(Term.From(booking), booking.Adjustments, law);
        var results = new List<TermDates>(terms.Count);
        foreach (var (term, period) in terms)
            results.Add(CalculateTerm(term, period, booking, law, options));
        return Combination.Combine(results, booking, law, options);
    }

    private static TermDates CalculateTerm(Term term, CustodialPeriod period, Booking booking, RuleProfile law, CalculationOptions options)
    {
        var end = term.UnadjustedExpiry;
        var t = new TermDates
        {
            Term = term,
            UnadjustedExpiry = end,
            LengthDays = SentenceArithmetic.DaysInclusive(term.Start, end),
            PartDays = PartDays(term),
            Adjustments = AdjustmentTotals.For(term, period, booking.Adjustments, ReleaseEstimate(term, period, booking, law)),
        };
        t.Track = SentenceTrack.Of(term, t.LengthDays, law);
        t.Licence = t.Track != Track.AutomaticUnconditional;
        SentenceExpiry.Apply(t);
        ConditionalRelease.Apply(t, law, booking);

        // Under 18 on release from an ORA sentence under 12 months: no licence (and so no PSS).
        if (t.Track == Track.ConditionalToExpiry && SentenceTrack.UnderTwelveMonths(term.Start, term.Duration)
            && TopUpSupervision.AgeOn(booking.DateOfBirth, t.ReleaseWithoutAwarded) < 18)
        {
            t.Remove(ReleaseDateType.SLED);
            t.Remove(ReleaseDateType.CRD);
            t.Track = Track.AutomaticUnconditional;
            t.Licence = false;
            SentenceExpiry.Apply(t);
            ConditionalRelease.Apply(t, law, booking);
        }

        // The progression model releases everyone it covers on licence, whatever the offence date.
        if (t.Track == Track.AutomaticUnconditional && t.Scheme is { } scheme && ReferenceEquals(scheme, law.ProgressionModel))
        {
            t.Remove(ReleaseDateType.SED);
            t.Remove(ReleaseDateType.ARD);
            t.Track = Track.ConditionalToExpiry;
            t.Licence = true;
            SentenceExpiry.Apply(t);
            ConditionalRelease.Apply(t, law, booking);
        }

        if (t.Track == Track.ConditionalLicenceToThreeQuarters) LicenceExpiry.ThreeQuarters(t);
        if (t.Track == Track.ConditionalMixedOra) LicenceExpiry.MixedOra(t, law);
        if (TopUpSupervision.Applies(t, law, booking.DateOfBirth)) TopUpSupervision.Apply(t);
        if (term.Recall is { } recall)
        {
            Recalls.Apply(t, recall, booking, period);
            return t;
        }
        if (HomeDetentionCurfew.Applies(t, law, booking)) HomeDetentionCurfew.Apply(t, law);
        if (options.CalculateErsed) EarlyRemoval.Apply(t, law);
        return t;
    }

    /// <summary>Each consecutive sentence's days, counted on from the day after the previous one ends.</summary>
    private static int[] PartDays(Term term)
    {
        if (term.IsSingleTerm) return [.. term.Parts.Select(_ => 0).Skip(1).Prepend(SentenceArithmetic.LengthInDays(term.Start, term.Duration))];
        var days = new int[term.Parts.Count];
        var start = term.Start;
        for (var i = 0; i < days.Length; i++)
        {
            var end = SentenceArithmetic.SentenceEnd(start, term.Parts[i].Duration);
            days[i] = SentenceArithmetic.DaysInclusive(start, end);
            start = end.PlusDays(1);
        }
        return days;
    }

    /// <summary>When the term would end in custody before unlawfully-at-large days: the standard release point less time served.</summary>
    private static LocalDate ReleaseEstimate(Term term, CustodialPeriod period, Booking booking, RuleProfile law)
    {
        var withoutUal = AdjustmentTotals.For(term, period, booking.Adjustments, LocalDate.MinIsoValue);
        var days = law.StandardRelease.CeilingOf(SentenceArithmetic.DaysInclusive(term.Start, term.UnadjustedExpiry));
        return term.Start.PlusDays(days - 1 - withoutUal.Deductions);
    }
}
