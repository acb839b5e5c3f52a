using System.Globalization;
using NodaTime;
using ShortSentences.Journeys.Durable;

namespace ShortSentences.Staff.Reminders;

/// <summary>
/// What a reminder e-mail says. Only the CRN identifies the person (no names in e-mail: data minimisation); the link
/// opens the journey page, which shows the rest to those allowed to see it.
/// </summary>
public static class ReminderEmail
{
    public static EmailMessage For(ReminderCommand command, ResolvedRecipient recipient, ReminderOptions options) =>
        new(options.TemplateFor(command.Kind),
            recipient.Email,
            new Dictionary<string, object>
            {
                ["name"] = recipient.Name,
                ["crn"] = command.Crn,
                ["task"] = TaskTitle(command.RuleId),
                ["due_date"] = LongDate(command.DueDate),
                ["reason"] = command.Reason,
                ["pdu"] = command.Pdu,
                ["link"] = JourneyLink(options, command.JourneyId),
            },
            command.IdempotencyKey);

    /// <summary>One bullet of a digest: enough to recognise the case and the deadline.</summary>
    public static string DigestLine(ReminderCommand command) =>
        $"{command.Crn}: {TaskTitle(command.RuleId)} {KindPhrase(command.Kind)} {LongDate(command.DueDate)}";

    public static string KindPhrase(ReminderKind kind) => kind switch
    {
        ReminderKind.Upcoming => "is due on",
        ReminderKind.DueToday => "is due today,",
        ReminderKind.Overdue => "is overdue since",
        ReminderKind.Escalation => "is escalated, overdue since",
        _ => "is due on",
    };

    public static string LongDate(LocalDate date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static readonly HashSet<string> Acronyms = new(StringComparer.OrdinalIgnoreCase) { "com", "pom", "spo", "pss", "pdu", "crs", "bcst", "ssf", "hdc", "crd", "sled", "tused" };

    /// <summary>
    /// Rule ids are kebab-case, sometimes after a stage prefix ("pss-induction", "release.home-visit"); staff read
    /// "PSS induction", "Home visit". Titles come from the rule, since task ids carry a sequence ("periodic-review-11").
    /// </summary>
    public static string TaskTitle(string ruleId)
    {
        var words = ruleId[(ruleId.LastIndexOf('.') + 1)..].Split(['-', '_', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count == 0) return ruleId;
        var title = words.Select((w, i) => Acronyms.Contains(w) ? w.ToUpperInvariant() : i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w);
        return string.Join(' ', title);
    }

    public static string JourneyLink(ReminderOptions options, string journeyId) =>
        $"{options.PublicBaseUrl.TrimEnd('/')}/staff/journeys/{Uri.EscapeDataString(journeyId)}";
}
