using NodaTime;
using ShortSentences.Calculation.Law;
using Xunit;
using static ShortSentences.Calculation.Tests.Bookings;

namespace ShortSentences.Calculation.Tests.Rules;

/// <summary>The arithmetic rules of DOMAIN.md section 3, one by one, on a 6-month sentence passed on 10 March 2021
/// (184 days, to 9 September 2021; release at one half after 92 days, on 9 June 2021).</summary>
public sealed class ReleaseDateRuleTests
{
    private static readonly LocalDate Sentenced = new(2021, 3, 10);
    private static readonly Booking SixMonths = Of(Sentence(Sentenced, Duration.OfMonths(6)));

    [Fact]
    public void Release_is_the_day_the_custodial_days_have_been_served_counting_the_sentence_date_as_day_one()
    {
        var r = SixMonths.Calculate();
        Assert.Equal(new LocalDate(2021, 6, 9), r.Dates[ReleaseDateType.CRD]);
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.ESED]);
        Assert.Equal(Period.FromMonths(6), r.EffectiveSentenceLength);
    }

    [Fact]
    public void Remand_and_tagged_bail_come_off_CRD_SLED_HDCED_and_TUSED()
    {
        var r = SixMonths.With(Remand(10, Sentenced), TaggedBail(5, Sentenced)).Calculate();
        Assert.Equal(new LocalDate(2021, 5, 25), r.Dates[ReleaseDateType.CRD]);
        Assert.Equal(new LocalDate(2021, 8, 25), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2021, 4, 10), r.Dates[ReleaseDateType.HDCED]);
        Assert.Equal(new LocalDate(2022, 5, 25), r.Dates[ReleaseDateType.TUSED]);
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.ESED]);
    }

    [Fact]
    public void Days_unlawfully_at_large_are_added_to_CRD_SLED_HDCED_and_TUSED()
    {
        var r = SixMonths.With(Ual(7, new LocalDate(2021, 4, 1))).Calculate();
        Assert.Equal(new LocalDate(2021, 6, 16), r.Dates[ReleaseDateType.CRD]);
        Assert.Equal(new LocalDate(2021, 9, 16), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2021, 5, 2), r.Dates[ReleaseDateType.HDCED]);
        Assert.Equal(new LocalDate(2022, 6, 16), r.Dates[ReleaseDateType.TUSED]);
    }

    [Fact]
    public void Additional_days_awarded_less_those_restored_move_CRD_and_HDCED_but_never_SLED_or_TUSED()
    {
        var r = SixMonths.With(Ada(10, new LocalDate(2021, 4, 1)), Rada(4, new LocalDate(2021, 5, 1))).Calculate();
        Assert.Equal(new LocalDate(2021, 6, 15), r.Dates[ReleaseDateType.CRD]);
        Assert.Equal(new LocalDate(2021, 5, 1), r.Dates[ReleaseDateType.HDCED]);
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2022, 6, 9), r.Dates[ReleaseDateType.TUSED]);
    }

    [Fact]
    public void Additional_days_cannot_push_release_past_the_sentence_expiry()
    {
        var r = SixMonths.With(Ada(200, new LocalDate(2021, 4, 1))).Calculate();
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.CRD]);
    }

    [Fact]
    public void Remand_longer_than_the_custodial_days_means_immediate_release_on_the_sentence_date()
    {
        var r = SixMonths.With(Remand(100, new LocalDate(2021, 3, 10))).Calculate();
        Assert.Equal(Sentenced, r.Dates[ReleaseDateType.CRD]);
        Assert.Equal(new LocalDate(2021, 6, 1), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2022, 3, 10), r.Dates[ReleaseDateType.TUSED]);
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.HDCED));
        Assert.Contains("immediate", r.Explanations[ReleaseDateType.CRD]);
    }

    [Fact]
    public void Concurrent_sentences_are_calculated_separately_and_the_latest_dates_win()
    {
        var r = Of(Sentence(Sentenced, Duration.OfMonths(6)), Sentence(new LocalDate(2021, 4, 20), Duration.OfMonths(3), id: "s2")).Calculate();
        Assert.Equal(new LocalDate(2021, 6, 9), r.Dates[ReleaseDateType.CRD]);
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.SLED]);
    }

    [Fact]
    public void Consecutive_sentences_are_aggregated_into_one_term()
    {
        var r = Of(Sentence(Sentenced, Duration.OfMonths(6)), Sentence(Sentenced, Duration.OfMonths(3), id: "s2", consecutiveTo: "s1")).Calculate();
        Assert.Equal(new LocalDate(2021, 12, 9), r.Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2021, 7, 25), r.Dates[ReleaseDateType.CRD]);   // 138 of 275 days
        Assert.Equal(Period.FromMonths(9), r.EffectiveSentenceLength);
    }

    [Fact]
    public void An_offence_before_1_February_2015_with_a_term_under_12_months_gets_automatic_release_and_no_licence()
    {
        var r = Of(Sentence(new LocalDate(2014, 6, 10), Duration.OfMonths(6), offence: new LocalDate(2014, 6, 1))).Calculate();
        Assert.Equal(new LocalDate(2014, 9, 9), r.Dates[ReleaseDateType.ARD]);
        Assert.Equal(new LocalDate(2014, 12, 9), r.Dates[ReleaseDateType.SED]);
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.CRD));
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.TUSED));
    }

    [Fact]
    public void A_1_day_sentence_is_served_on_the_day_without_licence_or_supervision()
    {
        var day = new LocalDate(2025, 3, 20);
        var r = Of(Sentence(day, Duration.OfDays(1))).Calculate(CalculationOptions.Default);
        Assert.Equal(day, r.Dates[ReleaseDateType.ARD]);
        Assert.Equal(day, r.Dates[ReleaseDateType.SED]);
        Assert.Equal(3, r.Dates.Count);
    }

    [Fact]
    public void Someone_under_18_on_release_from_a_term_under_12_months_has_no_licence_and_no_PSS()
    {
        var booking = Of(Sentence(new LocalDate(2025, 10, 10), Duration.OfMonths(6))) with { DateOfBirth = new LocalDate(2008, 6, 1) };
        var r = booking.Calculate();
        Assert.True(r.Dates.ContainsKey(ReleaseDateType.ARD));
        Assert.True(r.Dates.ContainsKey(ReleaseDateType.SED));
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.TUSED));
    }

    [Fact]
    public void TUSED_is_12_months_after_release_for_an_ORA_licence_under_12_months()
    {
        Assert.Equal(new LocalDate(2022, 6, 9), SixMonths.Calculate().Dates[ReleaseDateType.TUSED]);
    }

    [Fact]
    public void With_PSS_repealed_there_is_no_TUSED()
    {
        var r = SixMonths.Calculate(HalfRules with { Toggles = new FeatureToggles(ApplyPssRepeal: true) });
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.TUSED));
        Assert.True(r.Dates.ContainsKey(ReleaseDateType.CRD));
    }

    [Fact]
    public void Every_date_comes_with_a_one_sentence_explanation_naming_its_type_and_date()
    {
        var r = SixMonths.With(Remand(5, Sentenced)).Calculate();
        foreach (var (type, date) in r.Dates)
            Assert.StartsWith($"{type} {date:yyyy-MM-dd}: ", r.Explanations[type]);
        Assert.Equal("CRD 2021-06-04: one half of 184 days is 92 days, counted from the sentence date 2021-03-10, less 5 days' remand.",
            r.Explanations[ReleaseDateType.CRD]);
    }

    [Fact]
    public void A_booking_built_in_code_with_a_consecutive_sentence_following_nothing_is_refused()
    {
        var booking = Of(Sentence(Sentenced, Duration.OfMonths(6)), Sentence(Sentenced, Duration.OfMonths(3), id: "s2", consecutiveTo: "missing"));
        var e = Assert.Throws<BookingFormatException>(() => booking.Calculate());
        Assert.Equal("sentences[1].consecutiveSentenceUUIDs", e.Field);
    }

    [Fact]
    public void Additional_days_already_served_for_an_earlier_sentence_do_not_delay_a_later_one_again()
    {
        // The first sentence reaches its release point on 9 June 2021 and holds the person 10 more days for the added
        // days; a 3-month sentence passed on 15 June finds 5 of them served (10 to 14 June), so only 5 delay it.
        var booking = Of(Sentence(Sentenced, Duration.OfMonths(6)), Sentence(new LocalDate(2021, 6, 15), Duration.OfMonths(3), id: "s2"))
            .With(Ada(10, new LocalDate(2021, 4, 1)));
        var r = booking.Calculate();
        Assert.Equal(new LocalDate(2021, 7, 30).PlusDays(5), r.Dates[ReleaseDateType.CRD]);   // 46 of 92 days from 15 June is 30 July
    }
}
