using ShortSentences.Staff.People;
using ShortSentences.Staff.Reminders;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>The reminders the viewer may see, and in local mode the e-mails the local sink kept instead of sending.</summary>
public static class RemindersPage
{
    public static Html Render(StaffMember viewer, IReadOnlyList<DeliveryRecord> reminders, IReadOnlyList<SinkedEmail>? sink, bool localMode) =>
        Layout.Page("Reminders sent", H($"""
            <h1 class="govuk-heading-l">Reminders sent</h1>
            <p class="govuk-body">{(viewer.Role == StaffRole.Practitioner ? "Reminders sent to you." : "Reminders about cases in your probation delivery unit.")} Each reminder is sent once, however often the journey raises it.</p>
            {JourneyPage.RemindersTable(reminders, "reminders", "Reminders", showCase: true)}
            {When(sink is not null, H($"""
            <h2 class="govuk-heading-m">E-mails in the local sink</h2>
            <p class="govuk-body">In local mode e-mails are kept here instead of going to GOV.UK Notify.</p>
            {SinkTable(sink ?? [])}
            """))}
            """), viewer, Section.Reminders, localMode);

    private static Html SinkTable(IReadOnlyList<SinkedEmail> emails) => emails.Count == 0
        ? H($"""<p class="govuk-body">The local sink is empty.</p>""")
        : H($"""
            <table class="govuk-table" id="local-sink">
              <caption class="govuk-table__caption govuk-visually-hidden">E-mails kept by the local sink</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Kept</th>
                  <th scope="col" class="govuk-table__header">To</th>
                  <th scope="col" class="govuk-table__header">Reference</th>
                  <th scope="col" class="govuk-table__header">Content</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {emails.Reverse().Select(e => H($"""
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell">{Components.DateTime(e.At)}</td>
                  <td class="govuk-table__cell">{e.Message.EmailAddress}</td>
                  <td class="govuk-table__cell"><code>{e.Message.Reference}</code></td>
                  <td class="govuk-table__cell govuk-body-s">{Describe(e.Message)}</td>
                </tr>
                """))}
              </tbody>
            </table>
            """);

    private static Html Describe(EmailMessage m) => m.Personalisation.TryGetValue("items", out var items) && items is IEnumerable<string> lines
        ? H($"""Daily digest: <ul class="govuk-list govuk-list--bullet">{lines.Select(l => H($"<li>{l}</li>"))}</ul>""")
        : H($"{m.Personalisation.GetValueOrDefault("task")}, due {m.Personalisation.GetValueOrDefault("due_date")}");
}
