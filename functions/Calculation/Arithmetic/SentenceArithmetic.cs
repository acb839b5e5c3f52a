using NodaTime;

namespace ShortSentences.Calculation.Arithmetic;

/// <summary>PSI 03/2015 section 5.5: converting a sentence into days (the CRDS conventions).</summary>
public static class SentenceArithmetic
{
    /// <summary>
    /// Last day of a sentence: the day before the sentence date, plus years, then months (clamped to the month end),
    /// then weeks, then days. A sentence of years or months starting on the 1st of a month ends on the last day of
    /// its final month (a 1-month sentence from 1 February 2025 ends on 28 February).
    /// </summary>
    public static LocalDate SentenceEnd(LocalDate start, Duration duration)
    {
        var firstOfMonthRule = start.Day == 1 && (duration.Months != 0 || duration.Years != 0);
        LocalDate end;
        if (firstOfMonthRule)
        {
            end = start.PlusYears(duration.Years).PlusMonths(duration.Months - 1);
            end = LastDayOfMonth(end);
        }
        else
        {
            end = start.PlusDays(-1).PlusYears(duration.Years).PlusMonths(duration.Months);
        }
        return end.PlusWeeks(duration.Weeks).PlusDays(duration.Days);
    }

    /// <summary>Length of a sentence in days, counting both the first and the last day.</summary>
    public static int LengthInDays(LocalDate start, Duration duration) => DaysInclusive(start, SentenceEnd(start, duration));

    /// <summary>Days from the first to the last day, counting both.</summary>
    public static int DaysInclusive(LocalDate first, LocalDate last) => Period.DaysBetween(first, last) + 1;

    /// <summary>The day on which the given number of days has been served, counting the start day as day one.</summary>
    public static LocalDate DayNumber(LocalDate start, int day) => start.PlusDays(day - 1);

    public static LocalDate LastDayOfMonth(LocalDate date) =>
        new(date.Year, date.Month, date.Calendar.GetDaysInMonth(date.Year, date.Month));

    /// <summary>Durations served one after another add up element by element (CRDS aggregates consecutive terms this way).</summary>
    public static Duration Append(Duration a, Duration b) =>
        new(a.Years + b.Years, a.Months + b.Months, a.Weeks + b.Weeks, a.Days + b.Days);

    public static LocalDate Max(LocalDate a, LocalDate b) => a >= b ? a : b;
    public static LocalDate Min(LocalDate a, LocalDate b) => a <= b ? a : b;
}
