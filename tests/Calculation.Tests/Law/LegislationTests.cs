using NodaTime;
using ShortSentences.Calculation.Law;
using Xunit;

namespace ShortSentences.Calculation.Tests.Law;

public sealed class LegislationTests
{
    [Fact]
    public void The_CRDS_profiles_are_found_by_name_and_unknown_names_are_not()
    {
        Assert.Same(Legislation.Sds50, Legislation.Profile("sds-50"));
        Assert.Same(Legislation.CalculationParams, Legislation.Profile("calculation-params"));
        Assert.Same(Legislation.ProgressionModelOctober, Legislation.Profile("sds-progression-model-october"));
        Assert.Null(Legislation.Profile("sds-33"));
        Assert.Null(Legislation.Sds50.Sds40);
    }

    [Fact]
    public void The_law_as_in_force_on_a_date_leaves_out_every_later_commencement()
    {
        var law = Legislation.AsInForce(new LocalDate(2025, 1, 1));
        Assert.NotNull(law.Sds40);
        Assert.Null(law.ProgressionModel);
        Assert.Null(law.PssRepeal);
        Assert.Empty(law.FixedTermRecall56);
        Assert.All(law.Commencements, c => Assert.True(c.Date <= new LocalDate(2025, 1, 1)));
    }

    [Theory]
    [InlineData("2024-09-09", 1, 2, true, 180, true, 14)]
    [InlineData("2024-09-10", 2, 5, true, 180, true, 14)]
    [InlineData("2025-06-03", 2, 5, true, 365, true, 14)]
    [InlineData("2026-03-31", 2, 5, true, 365, true, 56)]
    [InlineData("2026-05-08", 2, 5, false, 365, true, 56)]
    [InlineData("2026-09-02", 1, 3, false, 365, false, 56)]
    public void The_rules_on_a_day_follow_the_commencements(string day, int num, int den, bool pss, int hdcDays, bool adultHdc, int ftrUnder12)
    {
        var rule = Legislation.RuleOn(LocalDate.FromDateTime(DateTime.Parse(day)));
        Assert.Equal(new Fraction(num, den), rule.ReleaseForNewStandardSentence);
        Assert.Equal(pss, rule.PostSentenceSupervision);
        Assert.Equal(hdcDays, rule.MaximumHdcDays);
        Assert.Equal(adultHdc, rule.AdultHdc);
        Assert.Equal(ftrUnder12, rule.FixedTermRecallDaysUnder12Months);
    }

    [Fact]
    public void Commencements_are_listed_in_date_order_with_names()
    {
        var list = Legislation.Commencements;
        Assert.Equal(list.OrderBy(c => c.Date).Select(c => c.Name), list.Select(c => c.Name));
        Assert.Contains(list, c => c.Name == "PSS_REPEAL" && c.Date == new LocalDate(2026, 5, 8));
        Assert.Contains(list, c => c.Name == "ADULT_HDC_REPEAL" && c.Date == new LocalDate(2026, 9, 2));
    }
}
