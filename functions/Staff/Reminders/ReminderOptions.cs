using ShortSentences.Journeys.Durable;

namespace ShortSentences.Staff.Reminders;

/// <summary>When digests are used: never (each reminder at once), for everyone, or for practitioners who asked.</summary>
public enum DigestMode { Off, All, PerPractitioner }

/// <summary>Configuration section "Staff:Reminders".</summary>
public sealed class ReminderOptions
{
    /// <summary>GOV.UK Notify template id per reminder kind (keys: Upcoming, DueToday, Overdue, Escalation).</summary>
    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Template for the daily digest; its "items" personalisation is a list Notify renders as bullets.</summary>
    public string? DigestTemplate { get; set; }

    public DigestMode DigestMode { get; set; } = DigestMode.Off;

    /// <summary>Local (Europe/London) time of day after which the day's digest goes out.</summary>
    public TimeOnly DigestSendAt { get; set; } = new(7, 0);

    /// <summary>Base address of the staff pages, for the link in each e-mail.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    /// <summary>
    /// A claim older than this whose delivery never recorded an outcome is taken to have stopped (the worker died); the
    /// next delivery asks the channel whether it was sent before trying again. Longer than Notify's retries can take.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public string TemplateFor(ReminderKind kind) =>
        Templates.TryGetValue(kind.ToString(), out var id) && !string.IsNullOrWhiteSpace(id)
            ? id
            : throw new InvalidOperationException($"no GOV.UK Notify template is configured for {kind} reminders (Staff:Reminders:Templates:{kind})");
}
