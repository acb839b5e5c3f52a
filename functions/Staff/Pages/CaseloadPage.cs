using NodaTime;
using ShortSentences.Journeys.Stages;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>The caseload list with its filters (stage, due this week, overdue) and, for SPOs, team or whole PDU.</summary>
public static class CaseloadPage
{
    public sealed record Model(
        StaffMember Viewer,
        AllowedCaseload Allowed,
        CaseloadFilter Filter,
        IReadOnlyList<JourneySummary> Shown,
        int Total,
        LocalDate Today,
        StaffDirectory Directory,
        bool LocalMode);

    public static Html Render(Model m)
    {
        var unit = m.Directory.Unit(m.Allowed.Pdu)?.Name ?? m.Allowed.Pdu;
        var heading = m.Allowed.Scope switch
        {
            CaseloadScope.Mine => "Your caseload",
            CaseloadScope.Team => "Your team's caseload",
            _ => $"{unit} PDU caseload",
        };
        var overdueCount = m.Shown.Count(j => j.OpenTasks.Any(t => DeadlinePolicy.IsOverdue(t.DueDate, m.Today)));
        return Layout.Page(heading, H($"""
            <span class="govuk-caption-l">{m.Viewer.Name}, {unit}</span>
            <h1 class="govuk-heading-l">{heading}</h1>
            <p class="govuk-body">Today is {Components.Date(m.Today)}. {(overdueCount == 0 ? "No case shown has an overdue task." : $"{overdueCount} {(overdueCount == 1 ? "case shown has" : "cases shown have")} an overdue task.")}</p>
            <div class="govuk-grid-row">
              <div class="govuk-grid-column-one-quarter">
                {Filters(m)}
              </div>
              <div class="govuk-grid-column-three-quarters">
                {Results(m)}
              </div>
            </div>
            """), m.Viewer, Section.Caseload, m.LocalMode);
    }

    private static Html Filters(Model m)
    {
        var scopes = AccessPolicy.ScopesFor(m.Viewer);
        return H($"""
            <form method="get" action="/staff/caseload" class="app-filter" aria-labelledby="filter-heading">
              <h2 class="govuk-heading-m" id="filter-heading">Filter</h2>
              {When(scopes.Count > 1, H($"""
              <div class="govuk-form-group">
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Cases</legend>
                  <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                    {scopes.Select(s => Radio("scope", s.ToString().ToLowerInvariant(), s == CaseloadScope.Team ? "My team" : "Whole PDU", s == m.Allowed.Scope))}
                  </div>
                </fieldset>
              </div>
              """))}
              {When(m.Viewer.Role == StaffRole.Administrator, H($"""
              <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="pdu">Probation delivery unit</label>
                <select class="govuk-select" id="pdu" name="pdu">
                  {m.Directory.Units.OrderBy(u => u.Name).Select(u => Option(u.Code, u.Name, string.Equals(u.Code, m.Allowed.Pdu, StringComparison.OrdinalIgnoreCase)))}
                </select>
              </div>
              """))}
              <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="stage">Stage</label>
                <select class="govuk-select" id="stage" name="stage">
                  {Option("", "All stages", m.Filter.Stage is null)}
                  {Enum.GetValues<Stage>().Where(s => s != Stage.AwaitingSentence).Select(s => Option(s.ToString(), Components.StageName(s), s == m.Filter.Stage))}
                </select>
              </div>
              <div class="govuk-form-group">
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Deadlines</legend>
                  <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {Checkbox("due", "week", "Due this week", m.Filter.DueThisWeek)}
                    {Checkbox("overdue", "yes", "Overdue", m.Filter.Overdue)}
                  </div>
                </fieldset>
              </div>
              <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Apply filters</button>
              <p class="govuk-body"><a class="govuk-link" href="/staff/caseload">Clear filters</a></p>
            </form>
            """);
    }

    private static Html Results(Model m) => m.Shown.Count == 0
        ? H($"""
            <h2 class="govuk-heading-m">No cases match</h2>
            <p class="govuk-body">None of the {m.Total} cases in this caseload match the filters. <a class="govuk-link" href="/staff/caseload">Clear filters</a>.</p>
            """)
        : H($"""
            <table class="govuk-table" id="caseload">
              <caption class="govuk-table__caption govuk-table__caption--m">Showing {m.Shown.Count} of {m.Total} {(m.Total == 1 ? "case" : "cases")}</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Person</th>
                  <th scope="col" class="govuk-table__header">Stage</th>
                  <th scope="col" class="govuk-table__header">COM</th>
                  <th scope="col" class="govuk-table__header">Next deadline</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {m.Shown.Select(j => Row(j, m))}
              </tbody>
            </table>
            """);

    private static Html Row(JourneySummary j, Model m)
    {
        var next = j.OpenTasks.OrderBy(t => t.DueDate).FirstOrDefault();
        var com = m.Directory.FindByReference(j.ComId)?.Name ?? j.ComId;
        return H($"""
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                <a class="govuk-link" href="/staff/journeys/{Uri.EscapeDataString(j.JourneyId)}">{j.DisplayName}</a>
                {When(j.Name is not null, H($"""<span class="govuk-body-s govuk-!-display-block">CRN {j.Crn}</span>"""))}
                {When(m.Shown.Count(o => string.Equals(o.Crn, j.Crn, StringComparison.OrdinalIgnoreCase)) > 1, H($"""<span class="govuk-body-s govuk-!-display-block">Sentence {j.SentenceId} (<a class="govuk-link" href="{PersonPage.Link(j.Crn)}">all sentences<span class="govuk-visually-hidden"> for CRN {j.Crn}</span></a>)</span>"""))}
              </th>
              <td class="govuk-table__cell">{Components.StageName(j.Stage)}</td>
              <td class="govuk-table__cell">{(com is null ? H($"""<strong class="govuk-tag govuk-tag--purple">Not allocated</strong>""") : H($"{com}"))}</td>
              <td class="govuk-table__cell">{(next is null ? H($"None open") : H($"""
                {next.Title}<br>
                <span class="govuk-body-s"><time datetime="{Components.IsoDate(next.DueDate)}">{Components.Date(next.DueDate)}</time></span><br>
                {Components.DeadlineTag(next.DueDate, m.Today)}
                {When(j.OpenTasks.Count > 1, H($"""<span class="govuk-body-s govuk-!-display-block">and {j.OpenTasks.Count - 1} more open</span>"""))}
                """))}</td>
            </tr>
            """);
    }

    private static Html Option(string value, string text, bool selected) => selected
        ? H($"""<option value="{value}" selected>{text}</option>""")
        : H($"""<option value="{value}">{text}</option>""");

    private static Html Radio(string name, string value, string text, bool isChecked) => H($"""
        <div class="govuk-radios__item">
          <input class="govuk-radios__input" id="{name}-{value}" name="{name}" type="radio" value="{value}"{(isChecked ? H($" checked") : Empty)}>
          <label class="govuk-label govuk-radios__label" for="{name}-{value}">{text}</label>
        </div>
        """);

    private static Html Checkbox(string name, string value, string text, bool isChecked) => H($"""
        <div class="govuk-checkboxes__item">
          <input class="govuk-checkboxes__input" id="{name}" name="{name}" type="checkbox" value="{value}"{(isChecked ? H($" checked") : Empty)}>
          <label class="govuk-label govuk-checkboxes__label" for="{name}">{text}</label>
        </div>
        """);
}
