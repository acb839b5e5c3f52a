using NodaTime;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>
/// One person (CRN) and every journey of theirs: each sentence, its stage, its COM and what is due next. The
/// national case system closes all but the longest-expiry event, which made staff think supervision had ended
/// (DOMAIN.md 2); here every sentence stays in view.
/// </summary>
public static class PersonPage
{
    public sealed record Model(StaffMember Viewer, string Crn, IReadOnlyList<JourneySummary> Journeys, LocalDate Today, StaffDirectory Directory, bool LocalMode);

    public static Html Render(Model m)
    {
        var name = m.Journeys.Select(j => j.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        var heading = name ?? $"CRN {m.Crn}";
        return Layout.Page(name is null ? $"CRN {m.Crn}" : $"{name} (CRN {m.Crn})", H($"""
            {When(name is not null, H($"""<span class="govuk-caption-l">CRN {m.Crn}</span>"""))}
            <h1 class="govuk-heading-l">{heading}</h1>
            <p class="govuk-body">{m.Journeys.Count} {(m.Journeys.Count == 1 ? "sentence" : "sentences")}, each followed as its own journey.</p>
            <table class="govuk-table" id="person-journeys">
              <caption class="govuk-table__caption govuk-table__caption--m">Sentences and journeys</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">Sentence</th>
                  <th scope="col" class="govuk-table__header">Stage</th>
                  <th scope="col" class="govuk-table__header">COM</th>
                  <th scope="col" class="govuk-table__header">Next deadline</th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {m.Journeys.OrderBy(j => j.SentenceId, StringComparer.Ordinal).Select(j => Row(j, m))}
              </tbody>
            </table>
            """), m.Viewer, Section.Caseload, m.LocalMode,
            beforeContent: H($"""<a href="/staff/caseload" class="govuk-back-link">Back to caseload</a>"""));
    }

    private static Html Row(JourneySummary j, Model m)
    {
        var next = j.OpenTasks.OrderBy(t => t.DueDate).FirstOrDefault();
        var com = m.Directory.FindByReference(j.ComId)?.Name ?? j.ComId;
        return H($"""
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header"><a class="govuk-link" href="/staff/journeys/{Uri.EscapeDataString(j.JourneyId)}">Sentence {j.SentenceId}</a></th>
              <td class="govuk-table__cell">{Components.StageName(j.Stage)}</td>
              <td class="govuk-table__cell">{com ?? "Not allocated"}</td>
              <td class="govuk-table__cell">{(next is null ? H($"None open") : H($"""{next.Title}, <time datetime="{Components.IsoDate(next.DueDate)}">{Components.Date(next.DueDate)}</time> {Components.DeadlineTag(next.DueDate, m.Today)}"""))}</td>
            </tr>
            """);
    }

    public static string Link(string crn) => $"/staff/people/{Uri.EscapeDataString(crn)}";
}
