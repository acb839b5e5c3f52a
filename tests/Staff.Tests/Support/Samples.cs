using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Staff.People;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.Staff.Tests.Support;

public static class Samples
{
    public static StaffDirectory Directory() =>
        StaffDirectory.Load(Path.Combine(AppContext.BaseDirectory, "staff-directory.sample.json"));

    public static ReminderOptions Options(DigestMode digest = DigestMode.Off) => new()
    {
        Templates = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Upcoming"] = "11111111-0000-4000-8000-000000000001",
            ["DueToday"] = "11111111-0000-4000-8000-000000000002",
            ["Overdue"] = "11111111-0000-4000-8000-000000000003",
            ["Escalation"] = "11111111-0000-4000-8000-000000000004",
        },
        DigestTemplate = "11111111-0000-4000-8000-000000000005",
        DigestMode = digest,
        PublicBaseUrl = "https://staff.example.gov.uk",
    };

    public static ReminderCommand Reminder(
        ReminderKind kind = ReminderKind.Overdue,
        string task = "initial-assessment",
        string crn = "X777519",
        RecipientRole role = RecipientRole.Com,
        string recipient = "com-patel",
        string pdu = "LDN-LEW",
        LocalDate? due = null) =>
        new($"J-{crn}-S1/{task}/{kind.ToString().ToLowerInvariant()}",
            $"J-{crn}-S1", crn, task, $"release.{task}", kind, role, recipient, pdu,
            due ?? new LocalDate(2026, 3, 6),
            "Initial assessment and sentence plan within 15 working days of release (local default)",
            Instant.FromUtc(2026, 3, 9, 6, 0));
}
