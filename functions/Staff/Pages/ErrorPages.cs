using ShortSentences.Staff.People;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>Plain-language error pages; never a stack trace.</summary>
public static class ErrorPages
{
    public static Html Render(string title, string message, StaffMember? viewer, bool localMode, string? backTo = null) => Layout.Page(title, H($"""
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">{title}</h1>
            <p class="govuk-body" id="problem">{message}</p>
            {When(backTo is not null, H($"""<p class="govuk-body"><a class="govuk-link" href="{backTo}">Back to the journey</a></p>"""))}
            <p class="govuk-body"><a class="govuk-link" href="/staff/caseload">Go to your caseload</a></p>
          </div>
        </div>
        """), viewer, Section.None, localMode);
}
