using ShortSentences.Staff.People;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

/// <summary>Local mode only: pick who to be from the staff directory. In Azure, App Service authentication does this.</summary>
public static class SignInPage
{
    public static Html Render(StaffDirectory directory, string? error) => Layout.Page(error is null ? "Sign in" : "Error: Sign in", H($"""
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            {When(error is not null, H($"""
            <div class="govuk-error-summary" data-module="govuk-error-summary">
              <div role="alert">
                <h2 class="govuk-error-summary__title">There is a problem</h2>
                <div class="govuk-error-summary__body">
                  <ul class="govuk-list govuk-error-summary__list"><li><a href="#staff-id">{error}</a></li></ul>
                </div>
              </div>
            </div>
            """))}
            <h1 class="govuk-heading-l">Sign in for local development</h1>
            <p class="govuk-body">This is the local development sign-in. Choose a member of staff from the sample staff directory to see the pages as they would.</p>
            <div class="govuk-inset-text">In Azure, App Service authentication signs staff in with their work account and this page does not exist.</div>
            <form method="post" action="/staff/sign-in" novalidate>
              <div class="govuk-form-group{(error is null ? "" : " govuk-form-group--error")}">
                <fieldset class="govuk-fieldset">
                  <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
                    <h2 class="govuk-fieldset__heading">Who are you?</h2>
                  </legend>
                  {When(error is not null, H($"""<p id="staff-id-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {error}</p>"""))}
                  <div class="govuk-radios" data-module="govuk-radios">
                    {directory.All.OrderBy(m => m.Pdu).ThenBy(m => m.Role).ThenBy(m => m.Name).Select((m, i) => Option(m, i, directory))}
                  </div>
                </fieldset>
              </div>
              <button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>
            </form>
          </div>
        </div>
        """), viewer: null, Section.None, localMode: true);

    private static Html Option(StaffMember member, int index, StaffDirectory directory)
    {
        var id = index == 0 ? "staff-id" : $"staff-id-{index + 1}";
        var role = member.Role switch
        {
            StaffRole.Practitioner => "Probation practitioner (COM)",
            StaffRole.Spo => "Senior probation officer",
            _ => "Performance and quality (all PDUs)",
        };
        return H($"""
            <div class="govuk-radios__item">
              <input class="govuk-radios__input" id="{id}" name="staffId" type="radio" value="{member.Id}" aria-describedby="{id}-hint">
              <label class="govuk-label govuk-radios__label" for="{id}">{member.Name}</label>
              <div id="{id}-hint" class="govuk-hint govuk-radios__hint">{role}, {directory.Unit(member.Pdu)?.Name ?? member.Pdu}</div>
            </div>
            """);
    }
}
