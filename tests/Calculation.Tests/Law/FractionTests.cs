using ShortSentences.Calculation.Law;
using Xunit;

namespace ShortSentences.Calculation.Tests.Law;

public sealed class FractionTests
{
    [Theory]
    [InlineData(182, 1, 3, 61)]   // 60.67 rounds up
    [InlineData(183, 2, 5, 74)]   // 73.2 rounds up
    [InlineData(365, 1, 2, 183)]  // 182.5 rounds up
    [InlineData(180, 2, 5, 72)]   // exact: no rounding
    [InlineData(3, 1, 3, 1)]      // exact thirds stay exact
    [InlineData(1, 2, 5, 1)]      // a 1-day sentence still serves a day
    public void Custodial_days_are_the_fraction_of_the_sentence_rounded_up(int days, int numerator, int denominator, int expected) =>
        Assert.Equal(expected, new Fraction(numerator, denominator).CeilingOf(days));
}
