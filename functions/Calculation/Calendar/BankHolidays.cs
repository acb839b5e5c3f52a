using NodaTime;

namespace ShortSentences.Calculation.Calendar;

/// <summary>
/// Bank holidays in England and Wales, computed by rule (Banking and Financial Dealings Act 1971 and the annual
/// proclamations) so that any year works without a download, plus the one-off changes proclaimed since 1995.
/// </summary>
public sealed class BankHolidays
{
    private static readonly Lazy<BankHolidays> Shared = new(() => new BankHolidays());
    public static BankHolidays EnglandAndWales => Shared.Value;

    // Precomputed once so lookups are lock-free and cheap (the simulator asks millions of times).
    private readonly HashSet<LocalDate> _known =
        Enumerable.Range(FirstYear, LastYear - FirstYear + 1).SelectMany(Compute).ToHashSet();

    private const int FirstYear = 1990, LastYear = 2100;

    public bool IsBankHoliday(LocalDate date) =>
        date.Year is >= FirstYear and <= LastYear ? _known.Contains(date) : Compute(date.Year).Contains(date);

    public bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsBankHoliday(date);

    /// <summary>The date <paramref name="days"/> working days after (or before, if negative) <paramref name="date"/>.</summary>
    public LocalDate AddWorkingDays(LocalDate date, int days)
    {
        var step = days >= 0 ? 1 : -1;
        var left = Math.Abs(days);
        while (left > 0)
        {
            date = date.PlusDays(step);
            if (IsWorkingDay(date)) left--;
        }
        return date;
    }

    /// <summary>The last working day on or before <paramref name="date"/> (a release due on a weekend is brought forward).</summary>
    public LocalDate OnOrBeforeWorkingDay(LocalDate date)
    {
        while (!IsWorkingDay(date)) date = date.PlusDays(-1);
        return date;
    }

    public IReadOnlyList<LocalDate> InYear(int year) => Compute(year).OrderBy(d => d).ToArray();

    private static HashSet<LocalDate> Compute(int year)
    {
        var days = new HashSet<LocalDate>();
        var taken = new HashSet<LocalDate>();

        void Fixed(LocalDate date)
        {
            // A fixed-date holiday on a weekend (or on a day already taken, e.g. Boxing Day after a Sunday Christmas)
            // moves to the next weekday that is not already a holiday.
            var d = date;
            while (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday || taken.Contains(d)) d = d.PlusDays(1);
            days.Add(d);
            taken.Add(d);
        }

        Fixed(new LocalDate(year, 1, 1));
        var easter = EasterSunday(year);
        days.Add(easter.PlusDays(-2));
        days.Add(easter.PlusDays(1));
        days.Add(EarlyMay(year));
        days.Add(Spring(year));
        days.Add(LastMonday(year, 8));
        // Christmas first so that Boxing Day's substitute lands after Christmas's.
        Fixed(new LocalDate(year, 12, 25));
        Fixed(new LocalDate(year, 12, 26));
        foreach (var extra in OneOffs.Where(d => d.Year == year)) days.Add(extra);
        return days;
    }

    private static LocalDate EarlyMay(int year) => year switch
    {
        1995 => new LocalDate(1995, 5, 8),  // VE Day 50th anniversary
        2020 => new LocalDate(2020, 5, 8),  // VE Day 75th anniversary
        _ => FirstMonday(year, 5),
    };

    private static LocalDate Spring(int year) => year switch
    {
        2002 => new LocalDate(2002, 6, 4),  // Golden Jubilee
        2012 => new LocalDate(2012, 6, 4),  // Diamond Jubilee
        2022 => new LocalDate(2022, 6, 2),  // Platinum Jubilee
        _ => LastMonday(year, 5),
    };

    private static readonly LocalDate[] OneOffs =
    [
        new(1999, 12, 31), // Millennium
        new(2002, 6, 3),   // Golden Jubilee
        new(2011, 4, 29),  // Royal wedding
        new(2012, 6, 5),   // Diamond Jubilee
        new(2022, 6, 3),   // Platinum Jubilee
        new(2022, 9, 19),  // State funeral of Queen Elizabeth II
        new(2023, 5, 8),   // Coronation of King Charles III
    ];

    private static LocalDate FirstMonday(int year, int month)
    {
        var d = new LocalDate(year, month, 1);
        while (d.DayOfWeek != IsoDayOfWeek.Monday) d = d.PlusDays(1);
        return d;
    }

    private static LocalDate LastMonday(int year, int month)
    {
        var d = new LocalDate(year, month, 1).PlusMonths(1).PlusDays(-1);
        while (d.DayOfWeek != IsoDayOfWeek.Monday) d = d.PlusDays(-1);
        return d;
    }

    /// <summary>Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static LocalDate EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(year, month, day);
    }
}
