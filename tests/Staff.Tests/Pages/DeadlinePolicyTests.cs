using NodaTime;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Pages;

public sealed class DeadlinePolicyTests
{
    private static readonly LocalDate Wednesday = new(2026, 3, 11);

    [Theory]
    [InlineData(2026, 3, 10, true)]
    [InlineData(2026, 3, 11, false)] // due today is not yet overdue
    [InlineData(2026, 3, 12, false)]
    public void A_task_is_overdue_from_the_day_after_its_due_date(int y, int m, int d, bool overdue) =>
        Assert.Equal(overdue, DeadlinePolicy.IsOverdue(new LocalDate(y, m, d), Wednesday));

    [Theory]
    [InlineData(2026, 3, 11, true)]
    [InlineData(2026, 3, 15, true)]  // Sunday ends the week
    [InlineData(2026, 3, 16, false)] // next Monday is next week
    [InlineData(2026, 3, 10, false)] // yesterday is overdue, not due this week
    public void Due_this_week_runs_from_today_to_the_coming_Sunday(int y, int m, int d, bool thisWeek) =>
        Assert.Equal(thisWeek, DeadlinePolicy.IsDueThisWeek(new LocalDate(y, m, d), Wednesday));

    [Fact]
    public void On_a_Sunday_only_that_day_is_this_week() =>
        Assert.False(DeadlinePolicy.IsDueThisWeek(new LocalDate(2026, 3, 16), new LocalDate(2026, 3, 15)));

    [Fact]
    public void Today_is_the_date_in_London_not_in_UTC()
    {
        // 23:30 UTC on 31 March 2026 is 00:30 on 1 April in British Summer Time.
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new LocalDate(2026, 4, 1), DeadlinePolicy.Today(clock));
    }

    [Fact]
    public void Filters_combine_and_the_most_urgent_case_comes_first()
    {
        var journeys = SampleCaseload.Journeys(Wednesday).Select(j => j.Summary).Where(s => s.Pdu == "LDN-LEW").ToList();

        var overdue = CaseloadFilter.Parse(null, null, "yes").Apply(journeys, Wednesday);
        var onLicenceAndOverdue = CaseloadFilter.Parse("licence", null, "yes").Apply(journeys, Wednesday);
        var unknownStage = CaseloadFilter.Parse("<nonsense>", null, null);

        Assert.Equal(["X777519", "X500123", "X431876"], overdue.Select(j => j.Crn).ToArray()); // due 5, 9, 10 March
        Assert.Equal(["X777519"], onLicenceAndOverdue.Select(j => j.Crn).ToArray());
        Assert.True(unknownStage.IsEmpty);
    }
}
