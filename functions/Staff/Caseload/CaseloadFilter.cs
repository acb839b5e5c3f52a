using NodaTime;
using ShortSentences.Journeys.Stages;

namespace ShortSentences.Staff.Caseload;

/// <summary>The caseload page's filters. All set filters must hold (stage AND due this week AND overdue).</summary>
public sealed record CaseloadFilter(Stage? Stage, bool DueThisWeek, bool Overdue)
{
    public static CaseloadFilter None { get; } = new(null, false, false);

    public bool IsEmpty => Stage is null && !DueThisWeek && !Overdue;

    public IReadOnlyList<JourneySummary> Apply(IEnumerable<JourneySummary> journeys, LocalDate today) =>
        journeys
            .Where(j => Stage is null || j.Stage == Stage)
            .Where(j => !DueThisWeek || j.OpenTasks.Any(t => DeadlinePolicy.IsDueThisWeek(t.DueDate, today)))
            .Where(j => !Overdue || j.OpenTasks.Any(t => DeadlinePolicy.IsOverdue(t.DueDate, today)))
            // Most urgent first: earliest open deadline, then CRN for a stable order.
            .OrderBy(j => j.OpenTasks.Count == 0 ? LocalDate.MaxIsoValue : j.OpenTasks.Min(t => t.DueDate))
            .ThenBy(j => j.Crn, StringComparer.Ordinal)
            .ToList();

    /// <summary>Reads the query string leniently: an unknown stage is ignored rather than an error page.</summary>
    public static CaseloadFilter Parse(string? stage, string? due, string? overdue) =>
        new(Enum.TryParse<Stage>(stage, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null,
            due is "week",
            overdue is "yes");
}
