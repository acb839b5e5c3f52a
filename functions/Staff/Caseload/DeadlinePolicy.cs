using NodaTime;

namespace ShortSentences.Staff.Caseload;

/// <summary>
/// How the pages describe a deadline against today (Europe/London): overdue the day after its due date; "due this week"
/// from today to the coming Sunday (the working week staff plan in), not counting overdue ones.
/// </summary>
public static class DeadlinePolicy
{
    public static bool IsOverdue(LocalDate due, LocalDate today) => due < today;

    public static bool IsDueThisWeek(LocalDate due, LocalDate today) =>
        due >= today && due <= today.With(DateAdjusters.NextOrSame(IsoDayOfWeek.Sunday));

    public static int DaysOverdue(LocalDate due, LocalDate today) =>
        IsOverdue(due, today) ? Period.Between(due, today, PeriodUnits.Days).Days : 0;

    public static LocalDate Today(TimeProvider clock) =>
        Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date;
}
