using NodaTime;
using Xunit;
using static ShortSentences.Calculation.Tests.Bookings;

namespace ShortSentences.Calculation.Tests.Rules;

public sealed class RecallTests
{
    private static readonly LocalDate Sentenced = new(2021, 3, 10);

    [Fact]
    public void After_a_standard_recall_release_is_at_the_SLED()
    {
        var r = Of(Sentence(Sentenced, Duration.OfMonths(6), recall: new Recall(RecallType.Standard))).Calculate();
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.PRRD]);
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.SLED]);
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.CRD));
        Assert.False(r.Dates.ContainsKey(ReleaseDateType.HDCED));
    }

    [Fact]
    public void A_28_day_fixed_term_recall_releases_27_days_after_the_return_to_custody()
    {
        var returned = new LocalDate(2021, 12, 1);
        var r = Of(Sentence(Sentenced, Duration.OfMonths(14), recall: new Recall(RecallType.FixedTerm28, ReturnToCustodyDate: returned))).Calculate();
        Assert.Equal(returned.PlusDays(27), r.Dates[ReleaseDateType.PRRD]);
    }

    [Fact]
    public void A_28_day_fixed_term_recall_is_14_days_for_a_term_under_12_months()
    {
        var returned = new LocalDate(2021, 7, 1);
        var r = Of(Sentence(Sentenced, Duration.OfMonths(6), recall: new Recall(RecallType.FixedTerm28, ReturnToCustodyDate: returned))).Calculate();
        Assert.Equal(returned.PlusDays(13), r.Dates[ReleaseDateType.PRRD]);
    }

    [Fact]
    public void A_fixed_term_recall_never_releases_after_the_SLED()
    {
        var returned = new LocalDate(2021, 9, 1);
        var r = Of(Sentence(Sentenced, Duration.OfMonths(6), recall: new Recall(RecallType.FixedTerm56, ReturnToCustodyDate: returned))).Calculate();
        Assert.Equal(new LocalDate(2021, 9, 9), r.Dates[ReleaseDateType.PRRD]);
    }

    [Fact]
    public void Days_unlawfully_at_large_count_only_if_they_began_before_the_sentence_expired()
    {
        var recalled = Of(Sentence(Sentenced, Duration.OfMonths(6), recall: new Recall(RecallType.Standard)));
        Assert.Equal(new LocalDate(2021, 9, 14), recalled.With(Ual(5, new LocalDate(2021, 9, 1))).Calculate().Dates[ReleaseDateType.SLED]);
        Assert.Equal(new LocalDate(2021, 9, 9), recalled.With(Ual(5, new LocalDate(2021, 9, 20))).Calculate().Dates[ReleaseDateType.SLED]);
        // A spell that begins after expiry still counts once an earlier spell has pushed expiry past it.
        Assert.Equal(new LocalDate(2021, 9, 24), recalled.With(Ual(10, new LocalDate(2021, 9, 1)), Ual(5, new LocalDate(2021, 9, 15))).Calculate().Dates[ReleaseDateType.SLED]);
    }
}
