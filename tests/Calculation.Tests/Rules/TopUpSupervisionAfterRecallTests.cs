using NodaTime;
using Xunit;
using static ShortSentences.Calculation.Tests.Bookings;

namespace ShortSentences.Calculation.Tests.Rules;

/// <summary>
/// CRDS's TUSED rule (TusedCalculator, SentenceAdjustments): 12 months from release, less deductions, plus days unlawfully
/// at large while in custody; days unlawfully at large after a recalled term's release are added after the 12 months.
/// Cases built by hand from that rule (12-week sentences: release on day 42).
/// </summary>
public sealed class TopUpSupervisionAfterRecallTests
{
    private static Booking Recalled(LocalDate sentenced, Duration duration) =>
        Of(Sentence(sentenced, duration, recall: new Recall(RecallType.Standard)));

    private static Adjustment RecallRemand(int days, LocalDate appliesFrom) => new(AdjustmentKind.RecallRemand, days, appliesFrom);

    [Fact]
    public void Unlawfully_at_large_after_release_is_added_to_TUSED_after_the_12_months_across_a_leap_day()
    {
        // Released 2023-02-20; at large for 10 days from 2023-03-01. 2024-02-20 plus 10 days crosses 29 February.
        var r = Recalled(new LocalDate(2023, 1, 10), Duration.OfWeeks(12)).With(Ual(10, new LocalDate(2023, 3, 1))).Calculate();
        Assert.Equal(new LocalDate(2024, 3, 1), r.Dates[ReleaseDateType.TUSED]);
        Assert.Equal(new LocalDate(2023, 4, 13), r.Dates[ReleaseDateType.SLED]);
        Assert.Contains("10 days unlawfully at large after release", r.Explanations[ReleaseDateType.TUSED]);
    }

    [Fact]
    public void After_an_immediate_release_TUSED_is_12_months_from_the_sentence_date_plus_days_at_large_since()
    {
        // One month from 2023-01-16 (release on day 16) less 20 days' recall remand: released at once on the sentence date.
        var r = Recalled(new LocalDate(2023, 1, 16), Duration.OfMonths(1))
            .With(RecallRemand(20, new LocalDate(2023, 1, 16)), Ual(15, new LocalDate(2023, 1, 20))).Calculate();
        Assert.Equal(new LocalDate(2024, 1, 31), r.Dates[ReleaseDateType.TUSED]);
        Assert.Equal(new LocalDate(2023, 2, 10), r.Dates[ReleaseDateType.SLED]);
        Assert.Contains("release was immediate", r.Explanations[ReleaseDateType.TUSED]);
    }

    [Fact]
    public void Recall_remand_brings_TUSED_forward_and_days_at_large_after_release_follow_the_12_months()
    {
        // Release 2023-02-19 less 10 days' remand is 2023-02-09; 25 days at large from 2023-02-15.
        var r = Recalled(new LocalDate(2023, 1, 9), Duration.OfWeeks(12))
            .With(RecallRemand(10, new LocalDate(2023, 1, 9)), Ual(25, new LocalDate(2023, 2, 15))).Calculate();
        Assert.Equal(new LocalDate(2024, 3, 5), r.Dates[ReleaseDateType.TUSED]);
    }

    [Fact]
    public void A_release_due_on_a_Sunday_happens_on_the_Friday_so_a_spell_at_large_from_the_Sunday_is_after_release()
    {
        // Release due Sunday 2023-02-19, so out from Friday 2023-02-17.
        var sunday = Recalled(new LocalDate(2023, 1, 9), Duration.OfWeeks(12)).With(Ual(15, new LocalDate(2023, 2, 19))).Calculate();
        Assert.Equal(new LocalDate(2024, 3, 5), sunday.Dates[ReleaseDateType.TUSED]);
        Assert.Equal(new LocalDate(2023, 4, 17), sunday.Dates[ReleaseDateType.SLED]);
        // Release due Friday 2023-02-17: a spell from that day began in custody and moves the release point itself.
        var friday = Recalled(new LocalDate(2023, 1, 7), Duration.OfWeeks(12)).With(Ual(15, new LocalDate(2023, 2, 17))).Calculate();
        Assert.Equal(new LocalDate(2024, 3, 4), friday.Dates[ReleaseDateType.TUSED]);
    }
}
