using NodaTime;

namespace ShortSentences.Calculation.Arithmetic;

/// <summary>
/// Release on the last working day: someone whose release falls on a Saturday, Sunday or bank holiday in England and
/// Wales is released on the working day before it. CRDS uses this day, not the release date, to decide from when the
/// person is out of prison (its booking timeline), which settles whether a later spell unlawfully at large began
/// in custody or after release.
/// </summary>
public static class WorkingDays
{
    /// <summary>England and Wales bank holidays (GOV.UK), 2016 to 2027. Outside these years only weekends count.</summary>
    private static readonly HashSet<LocalDate> BankHolidays = [.. Parse(
        "2016-01-01 2016-03-25 2016-03-28 2016-05-02 2016-05-30 2016-08-29 2016-12-26 2016-12-27 " +
        "2017-01-02 2017-04-14 2017-04-17 2017-05-01 2017-05-29 2017-08-28 2017-12-25 2017-12-26 " +
        "2018-01-01 2018-03-30 2018-04-02 2018-05-07 2018-05-28 2018-08-27 2018-12-25 2018-12-26 " +
        "2019-01-01 2019-04-19 2019-04-22 2019-05-06 2019-05-27 2019-08-26 2019-12-25 2019-12-26 " +
        "2020-01-01 2020-04-10 2020-04-13 2020-05-08 2020-05-25 2020-08-31 2020-12-25 2020-12-28 " +
        "2021-01-01 2021-04-02 2021-04-05 2021-05-03 2021-05-31 2021-08-30 2021-12-27 2021-12-28 " +
        "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27 " +
        "2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26 " +
        "2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26 " +
        "2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26 " +
        "2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28 " +
        "2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28")];

    public static bool IsWorkingDay(LocalDate d) =>
        d.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !BankHolidays.Contains(d);

    /// <summary>The day itself if it is a working day, else the last working day before it.</summary>
    public static LocalDate OnOrBefore(LocalDate d)
    {
        while (!IsWorkingDay(d)) d = d.PlusDays(-1);
        return d;
    }

    private static IEnumerable<LocalDate> Parse(string dates)
    {
        foreach (var d in dates.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            yield return NodaTime.Text.LocalDatePattern.Iso.Parse(d).Value;
    }
}
