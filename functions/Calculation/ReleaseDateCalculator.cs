using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using ShortSentences.Calculation.Law;
using ShortSentences.Calculation.Rules;

namespace ShortSentences.Calculation;

/// <summary>
/// Release dates for adult standard determinate sentences under 2 years. Pure: no I/O, no clock.
/// Each term (a sentence, or a chain of consecutive sentences) is calculated on its own; concurrent terms are then
/// combined, the latest dates winning. A booking built in code with a broken consecutive chain is refused with a
/// <see cref="BookingFormatException"/>, as one read from JSON is.
/// </summary>
public static class ReleaseDateCalculator
{
    /// <summary>Under the production rules (<see cref="CalculationOptions.Default"/>).</summary>
    public static CalculationResult Calculate(Booking booking) => Calculate(booking, CalculationOptions.Default);

    public static CalculationResult Calculate(Booking booking, CalculationOptions options)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(options);
        if (booking.Sentences.Count == 0) throw new BookingFormatException("sentences", "sentences: the booking has no sentences");
        ConsecutiveChains.Check(booking.Sentences, "sentences");
        var law = options.EffectiveProfile;
        var terms = CustodialPeriod.Assign(Term.From(booking), booking.Adjustments, law);
        var results = new List<TermDates>(terms.Count);
        foreach (var (term, period) in terms)
            results.Add(CalculateTerm(term, period, booking, law, options, results));
        return Combination.Combine(results, booking, law, options);
    }

    private static TermDates CalculateTerm(Term term, CustodialPeriod period, Booking booking, RuleProfile law, CalculationOptions options,
        IReadOnlyList<TermDates> earlier)
    {
        var end = term.UnadjustedExpiry;
        var adjustments = AdjustmentTotals.For(term, period, booking.Adjustments, ReleaseEstimate(term, period, booking, law));
        adjustments = adjustments with { ServedAwarded = AwardedDaysServedBefore(term, adjustments, earlier) };
        var t = new TermDates
        {
            Term = term,
            UnadjustedExpiry = end,
            LengthDays = SentenceArithmetic.DaysInclusive(term.Start, end),
            PartDays = PartDays(term),
            Adjustments = adjustments,
        };
        t.Track = SentenceTrack.Of(term, t.LengthDays, law);
        t.Licence = t.Track != Track.AutomaticUnconditional;
        SentenceExpiry.Apply(t);
        ConditionalRelease.Apply(t, law, booking);

        // The track can only be settled once release is known.
        if (SentenceTrack.NoLicenceUnder18OnRelease(t, booking.DateOfBirth)) Retrack(Track.AutomaticUnconditional);
        if (SentenceTrack.LicenceUnderProgressionModel(t, law)) Retrack(Track.ConditionalToExpiry);

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

        void Retrack(Track track)
        {
            foreach (var type in (ReadOnlySpan<ReleaseDateType>)[ReleaseDateType.CRD, ReleaseDateType.ARD, ReleaseDateType.SLED, ReleaseDateType.SED])
                t.Remove(type);
            t.Track = track;
            t.Licence = track != Track.AutomaticUnconditional;
            SentenceExpiry.Apply(t);
            ConditionalRelease.Apply(t, law, booking);
        }
    }

    /// <summary>
    /// Additional days awarded already served when this term was passed: an earlier term of the same period had reached
    /// its release point and held the person only for those days, from then until the day before this sentence (all of
    /// them, if it had already released the person).
    /// </summary>
    private static int AwardedDaysServedBefore(Term term, AdjustmentTotals adjustments, IReadOnlyList<TermDates> earlier)
    {
        if (adjustments.NetAwarded == 0) return 0;
        var served = 0;
        foreach (var e in earlier)
        {
            if (e.Term.Recall is not null || e.Adjustments.NetAwarded == 0 || e.ReleaseWithoutAwarded >= term.Start) continue;
            var heldOnlyByAwardedDays = Period.DaysBetween(e.ReleaseWithoutAwarded, term.Start) - 1;
            served = Math.Max(served, Math.Min(heldOnlyByAwardedDays, e.Adjustments.NetAwarded));
        }
        return Math.Min(served, adjustments.NetAwarded);
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
