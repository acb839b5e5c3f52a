using NodaTime;
using ShortSentences.Calculation.Arithmetic;
using Xunit;

namespace ShortSentences.Calculation.Tests.Arithmetic;

public sealed class SentenceArithmeticTests
{
    [Fact]
    public void A_sentence_ends_the_day_before_the_same_date_a_term_later()
    {
        Assert.Equal(new LocalDate(2026, 4, 9), SentenceArithmetic.SentenceEnd(new LocalDate(2025, 10, 10), Duration.OfMonths(6)));
        Assert.Equal(new LocalDate(2026, 10, 9), SentenceArithmetic.SentenceEnd(new LocalDate(2025, 10, 10), Duration.OfYears(1)));
    }

    [Fact]
    public void Months_are_clamped_to_the_end_of_a_shorter_month()
    {
        // 31 January: the day before is 30 January, and one month on there is no 30 February.
        Assert.Equal(new LocalDate(2021, 2, 28), SentenceArithmetic.SentenceEnd(new LocalDate(2021, 1, 31), Duration.OfMonths(1)));
        Assert.Equal(new LocalDate(2024, 2, 29), SentenceArithmetic.SentenceEnd(new LocalDate(2024, 1, 31), Duration.OfMonths(1)));
    }

    [Fact]
    public void A_sentence_of_months_passed_on_the_1st_ends_on_the_last_day_of_its_final_month()
    {
        Assert.Equal(new LocalDate(2025, 2, 28), SentenceArithmetic.SentenceEnd(new LocalDate(2025, 2, 1), Duration.OfMonths(1)));
        Assert.Equal(new LocalDate(2009, 9, 30), SentenceArithmetic.SentenceEnd(new LocalDate(2009, 1, 1), Duration.OfMonths(9)));
        Assert.Equal(new LocalDate(2020, 12, 31), SentenceArithmetic.SentenceEnd(new LocalDate(2020, 1, 1), Duration.OfYears(1)));
    }

    [Fact]
    public void The_1st_of_month_rule_does_not_apply_to_weeks_or_days()
    {
        Assert.Equal(new LocalDate(2025, 2, 14), SentenceArithmetic.SentenceEnd(new LocalDate(2025, 2, 1), Duration.OfWeeks(2)));
        Assert.Equal(new LocalDate(2025, 2, 10), SentenceArithmetic.SentenceEnd(new LocalDate(2025, 2, 1), Duration.OfDays(10)));
    }

    [Fact]
    public void Years_then_months_then_weeks_then_days_are_added_in_that_order()
    {
        // 2022-01-22 + 1 month = 2022-02-22, + 1 week = 2022-03-01, + 3 days = 2022-03-04.
        Assert.Equal(new LocalDate(2022, 3, 4), SentenceArithmetic.SentenceEnd(new LocalDate(2022, 1, 23), new Duration(Months: 1, Weeks: 1, Days: 3)));
    }

    [Fact]
    public void Length_in_days_counts_both_the_first_and_the_last_day()
    {
        Assert.Equal(1, SentenceArithmetic.LengthInDays(new LocalDate(2025, 3, 20), Duration.OfDays(1)));
        Assert.Equal(182, SentenceArithmetic.LengthInDays(new LocalDate(2026, 10, 10), Duration.OfMonths(6)));
        Assert.Equal(366, SentenceArithmetic.LengthInDays(new LocalDate(2023, 12, 11), Duration.OfYears(1)));
    }

    [Fact]
    public void Consecutive_durations_add_up_element_by_element()
    {
        Assert.Equal(new Duration(1, 7, 1, 3), SentenceArithmetic.Append(new Duration(Years: 1, Months: 6, Days: 3), new Duration(Months: 1, Weeks: 1)));
    }
}
