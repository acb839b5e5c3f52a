using NodaTime;
using Xunit;
using static ShortSentences.Calculation.Tests.Bookings;

namespace ShortSentences.Calculation.Tests.Rules;

public sealed class HomeDetentionCurfewTests
{
    [Fact]
    public void Below_the_midpoint_eligibility_comes_after_half_the_custodial_period()
    {
        // 6 months from 10 March 2021: 92 custodial days, half is 46.
        var r = Of(Sentence(new LocalDate(2021, 3, 10), Duration.OfMonths(6))).Calculate();
        Assert.Equal(new LocalDate(2021, 4, 25), r.Dates[ReleaseDateType.HDCED]);
    }

    [Fact]
    public void The_42_day_rule_a_custodial_period_under_42_days_gets_no_HDCED()
    {
        var r = Of(Sentence(new LocalDate(2021, 3, 10), Duration.OfMonths(2))).Calculate();   // 31 custodial days
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.HDCED));
    }

    [Fact]
    public void Half_a_short_custodial_period_is_raised_to_at_least_28_days()
    {
        // 3 months from 10 March 2021: 92 days, 46 custodial, half is 23, raised to 28.
        var r = Of(Sentence(new LocalDate(2021, 3, 10), Duration.OfMonths(3))).Calculate();
        Assert.Equal(new LocalDate(2021, 4, 7), r.Dates[ReleaseDateType.HDCED]);
    }

    [Fact]
    public void The_14_day_rule_eligibility_is_never_sooner_than_14_days_after_sentence()
    {
        var sentenced = new LocalDate(2021, 3, 10);
        var r = Of(Sentence(sentenced, Duration.OfMonths(6))).With(Remand(40, sentenced)).Calculate();
        Assert.Equal(sentenced.PlusDays(14), r.Dates[ReleaseDateType.HDCED]);
    }

    [Fact]
    public void Under_HDC_365_the_midpoint_is_730_custodial_days_not_360()
    {
        // Two consecutive 15-month sentences from 1 July 2025: 914 days, 457 custodial. HDC 180 would take
        // 180 days off release (4 April 2026); under HDC 365 it is half the custodial period.
        var start = new LocalDate(2025, 7, 1);
        var r = Of(Sentence(start, Duration.OfMonths(15)), Sentence(start, Duration.OfMonths(15), id: "s2", consecutiveTo: "s1")).Calculate();
        Assert.Equal(new LocalDate(2026, 2, 15), r.Dates[ReleaseDateType.HDCED]);
    }

    [Fact]
    public void Active_sex_offenders_are_not_eligible()
    {
        var booking = Of(Sentence(new LocalDate(2021, 3, 10), Duration.OfMonths(6))) with { IsActiveSexOffender = true };
        Assert.False(booking.Calculate().Dates.ContainsKey(ReleaseDateType.HDCED));
    }
}
