using Microsoft.AspNetCore.Antiforgery;
using NodaTime;
using ShortSentences.Staff.Actions;
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
        bool LocalMode)
    {
        /// <summary>Set when the viewer may mark tasks done: the anti-forgery token each form carries.</summary>
        public TaskForms? Forms { get; init; }

        /// <summary>The task the viewer has just marked done (it is no longer open), for the confirmation banner.</summary>
        public string? JustDone { get; init; }
    }

    /// <summary>The anti-forgery token the "Mark as done" forms post back (ASP.NET Core antiforgery, cookie plus field).</summary>
    public sealed record TaskForms(AntiforgeryTokenSet Tokens);

    public static Html Render(Model m)
    {
        var j = m.Journey.Summary;
        var overdue = j.OpenTasks.Where(t => DeadlinePolicy.IsOverdue(t.DueDate, m.Today)).ToList();
        return Layout.Page(j.Name is null ? $"CRN {j.Crn}" : $"{j.Name} (CRN {j.Crn})", H($"""
            {When(j.Name is not null, H($"""<span class="govuk-caption-l">CRN {j.Crn}</span>"""))}
            <h1 class="govuk-heading-l">{j.DisplayName}</h1>
            {When(m.JustDone is not null, H($"""
            <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-module="govuk-notification-banner">
              <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id="done-title">Success</h2>
              </div>
              <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">Task marked as done. It is recorded in the timeline with your name.</p>
              </div>
            </div>
            """))}
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
              {SummaryRow("Sentence", j.SentenceId)}
              {SummaryRow("Stage", Components.StageName(j.Stage))}
              {SummaryRow("COM", m.Directory.FindByReference(j.ComId)?.Name ?? j.ComId ?? "Not allocated")}
              {SummaryRow("Probation delivery unit", m.Directory.Unit(j.Pdu)?.Name ?? j.Pdu)}
            </dl>
            <p class="govuk-body"><a class="govuk-link" href="{PersonPage.Link(j.Crn)}" id="person-link">All sentences for this person</a></p>

            <h2 class="govuk-heading-m">Open tasks</h2>
            {(j.OpenTasks.Count == 0 ? H($"""<p class="govuk-body">There are no open tasks.</p>""") : H($"""
            <table class="govuk-table" id="open-tasks">
              <caption class="govuk-table__caption govuk-visually-hidden">Open tasks, with the reason for each deadline</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Task</th>
                  <th scope="col" class="govuk-table__header">Due</th>
                  <th scope="col" class="govuk-table__header">Why this deadline</th>
                  {When(m.Forms is not null, H($"""<th scope="col" class="govuk-table__header">Action</th>"""))}
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {j.OpenTasks.OrderBy(t => t.DueDate).Select(t => TaskRow(t, m.Today, j.JourneyId, m.Forms))}
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

    private static Html TaskRow(OpenTask t, LocalDate today, string journeyId, TaskForms? forms) => H($"""
        <tr class="govuk-table__row">
          <th scope="row" class="govuk-table__header">{t.Title}</th>
          <td class="govuk-table__cell"><time datetime="{Components.IsoDate(t.DueDate)}">{Components.Date(t.DueDate)}</time><br>{Components.DeadlineTag(t.DueDate, today)}</td>
          <td class="govuk-table__cell">{t.Reason} <span class="govuk-body-s govuk-!-display-block">Rule: {t.RuleId}</span></td>
          {(forms is null ? Empty : H($"""<td class="govuk-table__cell">{MarkDoneForm(t, today, journeyId, forms)}</td>"""))}
        </tr>
        """);

    /// <summary>
    /// One task's "Mark as done" form: a plain POST (works without JavaScript) with the anti-forgery token, the day
    /// (GOV.UK date input, today filled in) and an optional note. Field ids carry the task id so every label is unique.
    /// </summary>
    private static Html MarkDoneForm(OpenTask t, LocalDate today, string journeyId, TaskForms forms)
    {
        var key = t.TaskId;
        return H($"""
        <details class="govuk-details govuk-!-margin-bottom-0">
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Mark as done<span class="govuk-visually-hidden">: {t.Title}</span></span></summary>
          <div class="govuk-details__text">
            <form method="post" action="/staff/journeys/{Uri.EscapeDataString(journeyId)}/tasks/{Uri.EscapeDataString(t.TaskId)}/complete" novalidate>
              <input type="hidden" name="{forms.Tokens.FormFieldName}" value="{forms.Tokens.RequestToken ?? ""}">
              <fieldset class="govuk-fieldset" role="group">
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date done<span class="govuk-visually-hidden">: {t.Title}</span></legend>
                <div class="govuk-date-input">
                  <div class="govuk-date-input__item"><div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for="on-day-{key}">Day</label>
                    <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="on-day-{key}" name="{Actions.MarkDoneForm.Day}" type="text" inputmode="numeric" value="{today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)}">
                  </div></div>
                  <div class="govuk-date-input__item"><div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for="on-month-{key}">Month</label>
                    <input class="govuk-input govuk-date-input__input govuk-input--width-2" id="on-month-{key}" name="{Actions.MarkDoneForm.Month}" type="text" inputmode="numeric" value="{today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)}">
                  </div></div>
                  <div class="govuk-date-input__item"><div class="govuk-form-group">
                    <label class="govuk-label govuk-date-input__label" for="on-year-{key}">Year</label>
                    <input class="govuk-input govuk-date-input__input govuk-input--width-4" id="on-year-{key}" name="{Actions.MarkDoneForm.Year}" type="text" inputmode="numeric" value="{today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)}">
                  </div></div>
                </div>
              </fieldset>
              <div class="govuk-form-group govuk-!-margin-top-3">
                <label class="govuk-label" for="note-{key}">Note (optional)</label>
                <textarea class="govuk-textarea" id="note-{key}" name="{Actions.MarkDoneForm.NoteField}" rows="2" maxlength="{Actions.MarkDoneForm.MaxNoteLength.ToString(System.Globalization.CultureInfo.InvariantCulture)}"></textarea>
              </div>
              <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Mark as done<span class="govuk-visually-hidden">: {t.Title}</span></button>
            </form>
          </div>
        </details>
        """);
    }

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
