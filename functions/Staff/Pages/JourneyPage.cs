using NodaTime;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;
using ShortSentences.Staff.Reminders;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>One journey: key dates and how each was worked out, open tasks with the reason for each deadline,
/// the reminders sent about it, and the timeline of what happened and why.</summary>
public static class JourneyPage
{
    public sealed record Model(
        StaffMember Viewer,
        JourneyDetail Journey,
        IReadOnlyList<DeliveryRecord> Reminders,
        LocalDate Today,
        StaffDirectory Directory,
        bool LocalMode);

    public static Html Render(Model m)
    {
        var j = m.Journey.Summary;
        var overdue = j.OpenTasks.Where(t => DeadlinePolicy.IsOverdue(t.DueDate, m.Today)).ToList();
        return Layout.Page(j.Name is null ? $"CRN {j.Crn}" : $"{j.Name} (CRN {j.Crn})", H($"""
            {When(j.Name is not null, H($"""<span class="govuk-caption-l">CRN {j.Crn}</span>"""))}
            <h1 class="govuk-heading-l">{j.DisplayName}</h1>
            {When(overdue.Count > 0, H($"""
            <div class="govuk-warning-text">
              <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
              <strong class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>
                {overdue.Count} {(overdue.Count == 1 ? "task is" : "tasks are")} overdue: {string.Join(", ", overdue.Select(t => t.Title))}.
              </strong>
            </div>
            """))}
            <dl class="govuk-summary-list">
              {SummaryRow("Stage", Components.StageName(j.Stage))}
              {SummaryRow("COM", m.Directory.FindByReference(j.ComId)?.Name ?? j.ComId ?? "Not allocated")}
              {SummaryRow("Probation delivery unit", m.Directory.Unit(j.Pdu)?.Name ?? j.Pdu)}
            </dl>

            <h2 class="govuk-heading-m">Open tasks</h2>
            {(j.OpenTasks.Count == 0 ? H($"""<p class="govuk-body">There are no open tasks.</p>""") : H($"""
            <table class="govuk-table" id="open-tasks">
              <caption class="govuk-table__caption govuk-visually-hidden">Open tasks, with the reason for each deadline</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Task</th>
                  <th scope="col" class="govuk-table__header">Due</th>
                  <th scope="col" class="govuk-table__header">Why this deadline</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {j.OpenTasks.OrderBy(t => t.DueDate).Select(t => TaskRow(t, m.Today))}
              </tbody>
            </table>
            """))}

            <h2 class="govuk-heading-m">Key dates</h2>
            <table class="govuk-table" id="key-dates">
              <caption class="govuk-table__caption govuk-visually-hidden">Key dates and how each was worked out</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Date</th>
                  <th scope="col" class="govuk-table__header">When</th>
                  <th scope="col" class="govuk-table__header">How it was worked out</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {m.Journey.KeyDates.Select(d => H($"""
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header">{d.Label} <span class="govuk-body-s">({d.Code})</span></th>
                  <td class="govuk-table__cell"><time datetime="{Components.IsoDate(d.Date)}">{Components.Date(d.Date)}</time></td>
                  <td class="govuk-table__cell">{d.Explanation}</td>
                </tr>
                """))}
              </tbody>
            </table>

            <h2 class="govuk-heading-m">Reminders sent</h2>
            {RemindersTable(m.Reminders, "journey-reminders", "Reminders about this journey", showCase: false)}

            <h2 class="govuk-heading-m">Timeline</h2>
            <div class="moj-timeline" id="timeline">
              {m.Journey.History.OrderByDescending(h => h.At).Select(h => H($"""
              <div class="moj-timeline__item">
                <div class="moj-timeline__header">
                  <h3 class="moj-timeline__title">{h.What}</h3>
                </div>
                <p class="moj-timeline__date">{TimelineDate(h)}</p>
                <div class="moj-timeline__description"><p class="govuk-body">{h.Why}</p></div>
              </div>
              """))}
            </div>
            """), m.Viewer, Section.Caseload, m.LocalMode,
            beforeContent: H($"""<a href="/staff/caseload" class="govuk-back-link">Back to caseload</a>"""));
    }

    /// <summary>The day it happened first, the time it was recorded beside it (a late event is recorded days after).</summary>
    private static Html TimelineDate(HistoryEntry h) => h.On is { } on
        ? H($"""<time datetime="{Components.IsoDate(on)}">{Components.Date(on)}</time> <span class="govuk-body-s">(recorded <time datetime="{Components.Iso(h.At)}">{Components.DateTime(h.At)}</time>)</span>""")
        : H($"""<time datetime="{Components.Iso(h.At)}">{Components.DateTime(h.At)}</time>""");

    private static Html SummaryRow(string key, string value) => H($"""
        <div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">{key}</dt>
          <dd class="govuk-summary-list__value">{value}</dd>
        </div>
        """);

    private static Html TaskRow(OpenTask t, LocalDate today) => H($"""
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">{t.Title}</th>
          <td class="govuk-table__cell"><time datetime="{Components.IsoDate(t.DueDate)}">{Components.Date(t.DueDate)}</time><br>{Components.DeadlineTag(t.DueDate, today)}</td>
          <td class="govuk-table__cell">{t.Reason} <span class="govuk-body-s govuk-!-display-block">Rule: {t.RuleId}</span></td>
        </tr>
        """);

    public static Html RemindersTable(IReadOnlyList<DeliveryRecord> reminders, string id, string caption, bool showCase) =>
        reminders.Count == 0
            ? H($"""<p class="govuk-body">No reminders have been sent.</p>""")
            : H($"""
            <table class="govuk-table" id="{id}">
              <caption class="govuk-table__caption govuk-visually-hidden">{caption}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Raised</th>
                  {When(showCase, H($"""<th scope="col" class="govuk-table__header">Case</th>"""))}
                  <th scope="col" class="govuk-table__header">Reminder</th>
                  <th scope="col" class="govuk-table__header">To</th>
                  <th scope="col" class="govuk-table__header">Status</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {reminders.OrderByDescending(r => r.Command.RaisedAt).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => H($"""
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell"><time datetime="{Components.Iso(r.Command.RaisedAt)}">{Components.DateTime(r.Command.RaisedAt)}</time></td>
                  {When(showCase, H($"""<td class="govuk-table__cell"><a class="govuk-link" href="/staff/journeys/{Uri.EscapeDataString(r.Command.JourneyId)}">CRN {r.Command.Crn}</a></td>"""))}
                  <td class="govuk-table__cell">{Components.KindName(r.Command.Kind)}: {ReminderEmail.TaskTitle(r.Command.RuleId)} <span class="govuk-body-s govuk-!-display-block">due {Components.Date(r.Command.DueDate)}</span></td>
                  <td class="govuk-table__cell">{r.RecipientName ?? r.Command.Recipient}</td>
                  <td class="govuk-table__cell">{Components.DeliveryStatusText(r)}</td>
                </tr>
                """))}
              </tbody>
            </table>
            """);
}
