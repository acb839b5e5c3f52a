using NodaTime;
using ShortSentences.Calculation.Calendar;
using Xunit;

namespace ShortSentences.Calculation.Tests.Calendar;

public class BankHolidaysTests
{
    private static readonly BankHolidays H = BankHolidays.EnglandAndWales;
    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void The_2025_holidays_are_the_eight_published_by_GOV_UK()
    {
        Assert.Equal([D(2025, 1, 1), D(2025, 4, 18), D(2025, 4, 21), D(2025, 5, 5), D(2025, 5, 26), D(2025, 8, 25), D(2025, 12, 25), D(2025, 12, 26)],
            H.InYear(2025));
    }

    [Fact]
    public void A_Christmas_on_a_weekend_moves_to_the_following_weekdays()
    {
        Assert.Equal([D(2021, 12, 27), D(2021, 12, 28)], H.InYear(2021).Where(d => d.Month == 12)); // Saturday and Sunday
        Assert.Equal([D(2022, 12, 26), D(2022, 12, 27)], H.InYear(2022).Where(d => d.Month == 12)); // Sunday and Monday
        Assert.Equal(D(2022, 1, 3), H.InYear(2022)[0]); // New Year's Day on a Saturday
    }

    [Fact]
    public void One_off_changes_are_known()
    {
        Assert.True(H.IsBankHoliday(D(2020, 5, 8)));   // VE Day moved the early May holiday
        Assert.False(H.IsBankHoliday(D(2020, 5, 4)));
        Assert.True(H.IsBankHoliday(D(2022, 6, 2)));   // Platinum Jubilee
        Assert.True(H.IsBankHoliday(D(2022, 6, 3)));
        Assert.False(H.IsBankHoliday(D(2022, 5, 30)));
        Assert.True(H.IsBankHoliday(D(2022, 9, 19)));  // State funeral
        Assert.True(H.IsBankHoliday(D(2023, 5, 8)));   // Coronation
    }

    [Fact]
    public void Easter_is_computed_for_any_year()
    {
        Assert.Equal(D(2024, 3, 31), BankHolidays.EasterSunday(2024));
        Assert.Equal(D(2026, 4, 5), BankHolidays.EasterSunday(2026));
        Assert.Equal(D(2038, 4, 25), BankHolidays.EasterSunday(2038));
    }

    [Fact]
    public void Working_days_skip_weekends_and_bank_holidays()
    {
        Assert.Equal(D(2025, 4, 22), H.AddWorkingDays(D(2025, 4, 17), 1)); // over Good Friday, the weekend and Easter Monday
        Assert.Equal(D(2025, 4, 17), H.AddWorkingDays(D(2025, 4, 22), -1));
        Assert.Equal(D(2025, 12, 24), H.OnOrBeforeWorkingDay(D(2025, 12, 26)));
    }
}
