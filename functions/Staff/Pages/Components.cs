using System.Globalization;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Stages;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Reminders;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>Small shared pieces: dates as GOV.UK writes them, and status tags whose words carry the meaning.</summary>
public static class Components
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static string Date(LocalDate date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(Instant instant)
    {
        var local = instant.InZone(London);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return $"{Date(local.Date)} at {hour}:{local.Minute:D2}{(local.Hour < 12 ? "am" : "pm")}";
    }

    public static string IsoDate(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Iso(Instant instant) => instant.ToString();

    /// <summary>The colour helps; the words say it: "Overdue by 6 days", "Due today", "Due this week", "Upcoming".</summary>
    public static Html DeadlineTag(LocalDate due, LocalDate today)
    {
        if (DeadlinePolicy.IsOverdue(due, today))
        {
            var days = DeadlinePolicy.DaysOverdue(due, today);
            return H($"""<strong class="govuk-tag govuk-tag--red">Overdue by {days} {(days == 1 ? "day" : "days")}</strong>""");
        }
        if (due == today)
            return H($"""<strong class="govuk-tag govuk-tag--orange">Due today</strong>""");
        return DeadlinePolicy.IsDueThisWeek(due, today)
            ? H($"""<strong class="govuk-tag govuk-tag--yellow">Due this week</strong>""")
            : H($"""<strong class="govuk-tag govuk-tag--grey">Upcoming</strong>""");
    }

    public static string StageName(Stage stage) => stage switch
    {
        Stage.AwaitingSentence => "Waiting for the sentence",
        Stage.Sentenced => "Sentenced",
        Stage.InCustody => "In custody",
        Stage.PreRelease => "Pre-release",
        Stage.Licence => "On licence",
        Stage.RecalledToCustody => "Recalled to custody",
        Stage.Pss => "Post-sentence supervision",
        Stage.BreachProceedings => "Breach proceedings",
        Stage.Ended => "Ended",
        _ => stage.ToString(),
    };

    public static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.Upcoming => "Coming up",
        ReminderKind.DueToday => "Due today",
        ReminderKind.Overdue => "Overdue",
        ReminderKind.Escalation => "Escalated to SPO",
        _ => kind.ToString(),
    };

    public static Html DeliveryStatusText(DeliveryRecord record) => record.Status switch
    {
        DeliveryStatus.Sent => H($"""<strong class="govuk-tag govuk-tag--green">Sent</strong> <span class="govuk-body-s">by {record.Channel}</span>"""),
        DeliveryStatus.SentInDigest => H($"""<strong class="govuk-tag govuk-tag--green">Sent in daily digest</strong>"""),
        DeliveryStatus.WaitingForDigest => H($"""<strong class="govuk-tag govuk-tag--blue">Waiting for daily digest</strong>"""),
        DeliveryStatus.Sending => H($"""<strong class="govuk-tag govuk-tag--grey">Sending</strong>"""),
        DeliveryStatus.FailedWillRetry => H($"""<strong class="govuk-tag govuk-tag--orange">Not sent yet, will retry</strong> <span class="govuk-body-s">{record.Failure?.Message}</span>"""),
        _ => H($"""<strong class="govuk-tag govuk-tag--red">Failed</strong> <span class="govuk-body-s">{record.Failure?.Message}</span>"""),
    };
}
