using System.Collections.Concurrent;
using NodaTime;
using ShortSentences.Calculation;
using ShortSentences.Calculation.Law;

namespace ShortSentences.Journeys.Law;

/// <summary>
/// Key dates from the calculator project (<see cref="ReleaseDateCalculator"/>) under the law in force on the day asked
/// (or on the day the law book was frozen, for what-if runs). The journeys use it for every sentence whose dates the
/// feed does not supply, and for the overall dates of a term of several sentences (the calculator combines them).
/// One rule owns HDCED: once the law book's adult HDC end has commenced, no date asked on or after it has an HDCED
/// (the calculator's profile ends HDC only for sentences passed from that day; the journeys remove it from everyone
/// still in custody, so a later recalculation, e.g. for the progression model, must not bring it back).
/// </summary>
public sealed class CalculatorKeyDates(LawBook law) : IKeyDateCalculator
{
    private readonly ConcurrentDictionary<LocalDate, CalculationOptions> _options = new();

    public int SentenceDays(SentenceTerms t) =>
        Calculation.Arithmetic.SentenceArithmetic.LengthInDays(t.SentenceDate, new Calculation.Duration(Months: t.Months, Days: t.Days));

    public KeyDates Calculate(SentenceTerms t, LocalDate onDay)
    {
        var adjustments = new List<Adjustment>(2);
        AddAdjustments(adjustments, t);
        var booking = new Booking(
            t.DateOfBirth ?? t.SentenceDate.PlusYears(-30), // the product follows adults
            [new Sentence("1", t.SentenceDate, t.OffenceDate, DurationOf(t))],
            adjustments);
        return Calculate(booking, onDay);
    }

    public KeyDates CalculateTerm(IReadOnlyList<JourneySentence> sentences, LocalDate onDay) => Calculate(BookingOf(sentences), onDay);

    public int TermDays(IReadOnlyList<JourneySentence> sentences)
    {
        var longest = 0;
        foreach (var term in Calculation.Rules.Term.From(BookingOf(sentences)))
            longest = Math.Max(longest, Calculation.Arithmetic.SentenceArithmetic.DaysInclusive(term.Start, term.UnadjustedExpiry));
        return longest;
    }

    /// <summary>
    /// The journey's sentences as one booking. Each sentence's remand and tagged bail are adjustments recorded against its
    /// own sentence date, credited as the calculator credits them within a custodial period.
    /// </summary>
    private static Booking BookingOf(IReadOnlyList<JourneySentence> sentences)
    {
        var adjustments = new List<Adjustment>(2);
        var booked = new List<Sentence>(sentences.Count);
        foreach (var s in sentences)
        {
            AddAdjustments(adjustments, s.Terms);
            booked.Add(new Sentence(s.SentenceId, s.Terms.SentenceDate, s.Terms.OffenceDate, DurationOf(s.Terms),
                s.ConsecutiveTo.Count > 0 ? s.ConsecutiveTo : null));
        }
        var first = sentences[0].Terms;
        return new Booking(first.DateOfBirth ?? first.SentenceDate.PlusYears(-30), booked, adjustments);
    }

    private static Calculation.Duration DurationOf(SentenceTerms t) => new(Months: t.Months, Days: t.Days);

    private static void AddAdjustments(List<Adjustment> adjustments, SentenceTerms t)
    {
        if (t.RemandDays > 0) adjustments.Add(new Adjustment(AdjustmentKind.Remand, t.RemandDays, t.SentenceDate));
        if (t.TaggedBailDays > 0) adjustments.Add(new Adjustment(AdjustmentKind.TaggedBail, t.TaggedBailDays, t.SentenceDate));
    }

    private KeyDates Calculate(Booking booking, LocalDate onDay)
    {
        var day = law.FrozenOn is { } frozen && frozen < onDay ? frozen : onDay;
        var options = _options.GetOrAdd(day, d => new CalculationOptions(Legislation.AsInForce(d), FeatureToggles.None));
        var dates = ReleaseDateCalculator.Calculate(booking, options).Dates;
        LocalDate? Get(ReleaseDateType type) => dates.TryGetValue(type, out var d) ? d : null;
        var unconditional = Get(ReleaseDateType.ARD) is not null && Get(ReleaseDateType.CRD) is null;
        var release = Get(ReleaseDateType.CRD) ?? Get(ReleaseDateType.ARD) ?? booking.Sentences[0].SentencedAt;
        var expiry = Get(ReleaseDateType.SLED) ?? Get(ReleaseDateType.LED) ?? Get(ReleaseDateType.SED) ?? release;
        var hdced = law.HdcEndedOn(day) ? null : Get(ReleaseDateType.HDCED);
        return new KeyDates(release, unconditional ? release : expiry, Get(ReleaseDateType.TUSED), hdced, unconditional);
    }
}
