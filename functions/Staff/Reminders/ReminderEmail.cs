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

    /// <summary>The task's one title, the same in the API and on the pages (<see cref="ShortSentences.Journeys.Policy.TaskTitles"/>).</summary>
    public static string TaskTitle(string ruleId) => ShortSentences.Journeys.Policy.TaskTitles.Of(ruleId);

    public static string JourneyLink(ReminderOptions options, string journeyId) =>
        $"{options.PublicBaseUrl.TrimEnd('/')}/staff/journeys/{Uri.EscapeDataString(journeyId)}";
}
