using NodaTime;
using ShortSentences.Calculation.Law;
using Xunit;
using static ShortSentences.Calculation.Tests.Bookings;

namespace ShortSentences.Calculation.Tests.Rules;

/// <summary>
/// One hand-built case per rule CRDS states for the areas where the calculator used to go wrong (issue 14): fixed-term
/// recalls with separate SED and LED, consecutive chains, progression-model tranches for aggregate terms, HDCED on a
/// recalled consecutive term. Dates worked out by hand from CRDS's description of each rule.
/// </summary>
public sealed class CrdsRuleAreaTests
{
    private static readonly CalculationOptions ProgressionModel = new(Legislation.ProgressionModelOctober, FeatureToggles.None);

    [Fact]
    public void A_fixed_term_recall_of_a_pre_LASPO_sentence_keeps_its_separate_SED_and_three_quarter_LED()
    {
        // CJA 1991 offence, sentenced before LASPO: 18 months from 2011-01-10 is 547 days, ending 2012-07-09; the licence
        // ends at three quarters (411 days, 2012-02-24). A 28-day recall from 2011-12-01 releases on its 28th day.
        var s = new Sentence("s1", new LocalDate(2011, 1, 10), new LocalDate(2004, 6, 1), Duration.OfMonths(18),
            Recall: new Recall(RecallType.FixedTerm28, ReturnToCustodyDate: new LocalDate(2011, 12, 1)));
        var r = Of(s).Calculate();
        Assert.Equal(new LocalDate(2012, 7, 9), r.Dates[ReleaseDateType.SED]);
        Assert.Equal(new LocalDate(2012, 2, 24), r.Dates[ReleaseDateType.LED]);
        Assert.Equal(new LocalDate(2011, 12, 28), r.Dates[ReleaseDateType.PRRD]);
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.SLED));
    }

    [Fact]
    public void A_consecutive_chain_ends_by_adding_the_durations_to_the_first_sentence_date_not_by_chaining_the_sentences()
    {
        // Aggregated: 2 months from 2023-01-30 ends 2023-03-29. Chained part by part it would end 2023-03-31
        // (1 month from 2023-01-30 ends 2023-02-28; 1 month from 2023-03-01 ends 2023-03-31).
        var r = Of(Sentence(new LocalDate(2023, 1, 30), Duration.OfMonths(1)),
            Sentence(new LocalDate(2023, 1, 30), Duration.OfMonths(1), id: "s2", consecutiveTo: "s1")).Calculate();
        Assert.Equal(new LocalDate(2023, 3, 29), r.Dates[ReleaseDateType.ESED]);
        Assert.Equal(new LocalDate(2023, 3, 29), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(Period.FromMonths(2), r.EffectiveSentenceLength);
        // 59 days, half is 30 (rounded up): day 30 is 2023-02-28.
        Assert.Equal(new LocalDate(2023, 2, 28), r.Dates[ReleaseDateType.CRD]);
    }

    [Fact]
    public void A_progression_model_tranche_is_chosen_by_the_length_of_the_whole_consecutive_term()
    {
        var sentenced = new LocalDate(2026, 3, 2);
        // 9 + 9 months: 549 days, within tranche 1 (574 days or less), so release moves to its commencement 2026-10-01
        // (one third, 183 days, would be 2026-09-01; 40% would be 2026-10-07).
        var short18 = Of(Sentence(sentenced, Duration.OfMonths(9)), Sentence(sentenced, Duration.OfMonths(9), id: "s2", consecutiveTo: "s1"));
        Assert.Equal(new LocalDate(2026, 10, 1), short18.Calculate(ProgressionModel).Dates[ReleaseDateType.CRD]);
        // 10 + 10 months: 610 days, each part within tranche 1 but the term is not: released at 40% (244 days) on
        // 2026-10-31, before tranche 2 reaches it.
        var long20 = Of(Sentence(sentenced, Duration.OfMonths(10)), Sentence(sentenced, Duration.OfMonths(10), id: "s2", consecutiveTo: "s1"));
        Assert.Equal(new LocalDate(2026, 10, 31), long20.Calculate(ProgressionModel).Dates[ReleaseDateType.CRD]);
    }

    [Fact]
    public void A_recalled_consecutive_term_has_no_HDCED_only_its_post_recall_release()
    {
        // 4 + 4 months from 2023-01-10: 243 days to 2023-09-09. A 14-day recall from 2023-06-01 releases on 2023-06-14.
        var recall = new Recall(RecallType.FixedTerm14, ReturnToCustodyDate: new LocalDate(2023, 6, 1));
        var r = Of(Sentence(new LocalDate(2023, 1, 10), Duration.OfMonths(4), recall: recall),
            Sentence(new LocalDate(2023, 1, 10), Duration.OfMonths(4), id: "s2", consecutiveTo: "s1", recall: recall)).Calculate();
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.HDCED));
        Assert.Equal(new LocalDate(2023, 6, 14), r.Dates[ReleaseDateType.PRRD]);
        Assert.Equal(new LocalDate(2023, 9, 9), r.Dates[ReleaseDateType.SLED]);
        // Top-up supervision: 12 months from the release point, day 122 (2023-05-11).
        Assert.Equal(new LocalDate(2024, 5, 11), r.Dates[ReleaseDateType.TUSED]);
    }
}
