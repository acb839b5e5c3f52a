using NodaTime;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Policy;
using ShortSentences.Journeys.Durable;
using Xunit;

namespace ShortSentences.Journeys.Tests.Law;

public class KeyDatesAndPolicyTests
{
    private static readonly CalculatorKeyDates Calc = new(LawBook.EnglandAndWales);
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void A_sentence_from_the_first_of_a_month_runs_to_the_end_of_its_final_month()
    {
        Assert.Equal(123, Calc.SentenceDays(new SentenceTerms(D(2025, 10, 1), 4, 0, D(2025, 9, 1))));
        Assert.Equal(120, Calc.SentenceDays(new SentenceTerms(D(2025, 1, 6), 4, 0, D(2024, 12, 1))));
    }

    [Fact]
    public void A_law_book_frozen_before_SDS40_keeps_release_at_half_for_later_sentences()
    {
        var frozen = new CalculatorKeyDates(LawBook.EnglandAndWales.FrozenAt(D(2024, 1, 1)));
        Assert.Equal(D(2025, 3, 6), frozen.Calculate(new SentenceTerms(D(2025, 1, 6), 4, 0, D(2024, 12, 1)), D(2025, 1, 6)).Crd);
    }

    [Fact]
    public void Before_SDS40_release_is_at_half_and_after_at_40_percent()
    {
        var before = Calc.Calculate(new SentenceTerms(D(2024, 1, 8), 3, 0, D(2023, 12, 1)), D(2024, 1, 8));
        Assert.Equal(D(2024, 2, 22), before.Crd); // 91 days, 46 served
        var after = Calc.Calculate(new SentenceTerms(D(2025, 1, 6), 4, 0, D(2024, 12, 1)), D(2025, 1, 6));
        Assert.Equal(D(2025, 2, 22), after.Crd); // 120 days, 48 served
    }

    [Fact]
    public void An_offence_before_ORA_2014_under_12_months_is_released_unconditionally()
    {
        var dates = Calc.Calculate(new SentenceTerms(D(2015, 3, 2), 6, 0, D(2014, 12, 1)), D(2015, 3, 2));
        Assert.True(dates.Unconditional);
        Assert.Null(dates.Tused);
    }

    [Fact]
    public void After_the_PSS_repeal_a_new_sentence_gets_no_TUSED()
    {
        var dates = Calc.Calculate(new SentenceTerms(D(2026, 6, 1), 6, 0, D(2026, 1, 1)), D(2026, 6, 1));
        Assert.Null(dates.Tused);
        Assert.False(dates.Unconditional);
    }

    [Fact]
    public void Fixed_term_recall_lengths_follow_the_date_of_the_decision()
    {
        Assert.Equal(14, LawBook.EnglandAndWales.FixedTermRecallDays(200, D(2026, 3, 30)));
        Assert.Equal(28, LawBook.EnglandAndWales.FixedTermRecallDays(400, D(2026, 3, 30)));
        Assert.Equal(56, LawBook.EnglandAndWales.FixedTermRecallDays(200, D(2026, 3, 31)));
    }

    [Fact]
    public void The_deadlines_policy_loads_from_JSON_keeping_defaults_for_what_it_leaves_out()
    {
        var policy = DeadlinesPolicy.FromJson("""
            { "homeVisit": { "ruleId": "home-visit", "days": 10, "count": "Working", "recipient": "Com", "leadDays": 2,
                             "escalateAfterOverdueWorkingDays": 3, "reason": "Home visit within 10 working days" },
              "preReleaseWindowDays": 70 }
            """);
        Assert.Equal(10, policy.HomeVisit.Days);
        Assert.Equal(DayCount.Working, policy.HomeVisit.Count);
        Assert.Equal(70, policy.PreReleaseWindowDays);
        Assert.Equal(DeadlinesPolicy.Default.ComAllocation, policy.ComAllocation);
        Assert.Equal(RecipientRole.Pdu, policy.ComAllocation.Recipient);
        Assert.Throws<System.Text.Json.JsonException>(() => DeadlinesPolicy.FromJson("{ \"homeVisit\": 3 }"));
    }
}
