using NodaTime;
using ShortSentences.Calculation.Law;
using Xunit;
using static ShortSentences.Calculation.Tests.Bookings;

namespace ShortSentences.Calculation.Tests.Rules;

public sealed class EarlyReleaseSchemeTests
{
    private static readonly CalculationOptions Production = CalculationOptions.Default;
    private static readonly CalculationOptions ProgressionModel = new(Legislation.ProgressionModelOctober, FeatureToggles.None);

    [Fact]
    public void A_sentence_passed_after_SDS40_commenced_is_released_at_40_percent()
    {
        var r = Of(Sentence(new LocalDate(2024, 10, 1), Duration.OfMonths(6))).Calculate(Production);
        Assert.Equal(new LocalDate(2024, 12, 12), r.Dates[ReleaseDateType.CRD]);   // 73 of 182 days
    }

    [Fact]
    public void An_offence_excluded_from_SDS40_stays_at_one_half()
    {
        var sexual = Sentence(new LocalDate(2024, 10, 1), Duration.OfMonths(6)) with { Exclusions = [EarlyReleaseExclusion.Sexual] };
        Assert.Equal(new LocalDate(2024, 12, 30), Of(sexual).Calculate(Production).Dates[ReleaseDateType.CRD]);
    }

    [Fact]
    public void Someone_due_out_at_one_half_before_SDS40_commenced_keeps_that_date()
    {
        var r = Of(Sentence(new LocalDate(2024, 3, 1), Duration.OfMonths(12))).Calculate(Production);
        Assert.Equal(new LocalDate(2024, 8, 30), r.Dates[ReleaseDateType.CRD]);
    }

    [Fact]
    public void Someone_already_serving_moves_to_40_percent_but_not_before_SDS40_commenced()
    {
        var moved = Of(Sentence(new LocalDate(2024, 3, 1), Duration.OfMonths(18))).Calculate(Production);
        Assert.Equal(new LocalDate(2024, 10, 6), moved.Dates[ReleaseDateType.CRD]);
        var onCommencement = Of(Sentence(new LocalDate(2024, 3, 1), Duration.OfMonths(14))).Calculate(Production);
        Assert.Equal(new LocalDate(2024, 9, 10), onCommencement.Dates[ReleaseDateType.CRD]);
        Assert.Contains("commencement", onCommencement.Explanations[ReleaseDateType.CRD]);
    }

    [Fact]
    public void Under_the_progression_model_a_new_sentence_is_released_at_one_third()
    {
        var booking = Of(Sentence(new LocalDate(2026, 10, 10), Duration.OfMonths(6))).With(Remand(5, new LocalDate(2026, 10, 10)));
        var r = booking.Calculate(ProgressionModel);
        Assert.Equal(new LocalDate(2026, 12, 4), r.Dates[ReleaseDateType.CRD]);
        Assert.Equal("CRD 2026-12-04: one third of 182 days is 61 days under the progression model, counted from the sentence date 2026-10-10, less 5 days' remand.",
            r.Explanations[ReleaseDateType.CRD]);
    }

    [Fact]
    public void Adults_sentenced_after_adult_HDC_was_repealed_get_no_HDCED()
    {
        var r = Of(Sentence(new LocalDate(2026, 9, 10), Duration.OfMonths(12))).Calculate(ProgressionModel);
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.HDCED));
        var before = Of(Sentence(new LocalDate(2026, 8, 10), Duration.OfMonths(12))).Calculate(ProgressionModel);
        Assert.True(before.Dates.ContainsKey(ReleaseDateType.HDCED));
    }
}
