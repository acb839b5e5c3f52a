using ShortSentences.Staff.People;
using static ShortSentences.Staff.Pages.Html;

namespace ShortSentences.Staff.Pages;

public enum Section { None, Caseload, Reminders }

/// <summary>
/// The GOV.UK Frontend page template (skip link, header, width container, main, footer) with the MOJ header and
/// primary navigation, as internal Ministry of Justice services use. Assets are GOV.UK Frontend 6.6 and MOJ Frontend 11.1
/// from npm, served under /assets.
/// </summary>
public static class Layout
{
    public const string ServiceName = "Short sentence journeys";

    public static Html Page(string title, Html content, StaffMember? viewer, Section section, bool localMode, Html? beforeContent = null) => H($$"""
        <!DOCTYPE html>
        <html lang="en" class="govuk-template">
        <head>
          <meta charset="utf-8">
          <title>{{title}} – {{ServiceName}}</title>
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
          <meta name="theme-color" content="#1d70b8">
          <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico">
          <link rel="icon" sizes="any" href="/assets/images/favicon.svg" type="image/svg+xml">
          <link rel="stylesheet" href="/assets/govuk/govuk-frontend.min.css">
          <link rel="stylesheet" href="/assets/moj/moj-frontend.min.css">
          <style>.app-header__user{display:inline-block;color:#fff;font-family:"GDS Transport",arial,sans-serif;font-size:1.1875rem;line-height:25px}</style>
        </head>
        <body class="govuk-template__body">
          <script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
          <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
          {{Header(viewer, localMode)}}
          {{When(viewer is not null, Navigation(section))}}
          <div class="govuk-width-container">
            {{When(localMode, PhaseBanner())}}
            {{beforeContent ?? Empty}}
            <main class="govuk-main-wrapper" id="main-content">
              {{content}}
            </main>
          </div>
          {{Footer()}}
          <script type="module">
            import { initAll } from '/assets/govuk/govuk-frontend.min.js'
            initAll()
          </script>
        </body>
        </html>
        """);

    private static Html Header(StaffMember? viewer, bool localMode) => H($"""
        <header class="moj-header" role="banner">
          <div class="moj-header__container">
            <div class="moj-header__logo">
              <img class="moj-header__logotype-crest" src="/assets/staff/crest.svg" alt="" width="40" height="40">
              <a class="moj-header__link moj-header__link--organisation-name" href="/staff/caseload">HMPPS</a>
              <a class="moj-header__link moj-header__link--service-name" href="/staff/caseload">{ServiceName}</a>
            </div>
            {When(viewer is not null, H($"""
            <div class="moj-header__content">
              <nav class="moj-header__navigation" aria-label="Account navigation">
                <ul class="moj-header__navigation-list">
                  <li class="moj-header__navigation-item"><span class="app-header__user"><span class="govuk-visually-hidden">Signed in as </span>{viewer?.Name}</span></li>
                  <li class="moj-header__navigation-item"><a class="moj-header__navigation-link" href="{(localMode ? "/staff/sign-out" : "/.auth/logout")}">Sign out</a></li>
                </ul>
              </nav>
            </div>
            """))}
          </div>
        </header>
        """);

    private static Html Navigation(Section section) => H($"""
        <div class="moj-primary-navigation">
          <div class="moj-primary-navigation__container">
            <div class="moj-primary-navigation__nav">
              <nav class="moj-primary-navigation" aria-label="Primary navigation">
                <ul class="moj-primary-navigation__list">
                  {NavItem("Caseload", "/staff/caseload", section == Section.Caseload)}
                  {NavItem("Reminders sent", "/staff/reminders", section == Section.Reminders)}
                </ul>
              </nav>
            </div>
          </div>
        </div>
        """);

    private static Html NavItem(string text, string href, bool current) => current
        ? H($"""<li class="moj-primary-navigation__item"><a class="moj-primary-navigation__link" aria-current="page" href="{href}">{text}</a></li>""")
        : H($"""<li class="moj-primary-navigation__item"><a class="moj-primary-navigation__link" href="{href}">{text}</a></li>""");

    private static Html PhaseBanner() => H($"""
        <div class="govuk-phase-banner">
          <p class="govuk-phase-banner__content">
            <strong class="govuk-tag govuk-phase-banner__content__tag">Local</strong>
            <span class="govuk-phase-banner__text">Development sign-in with sample journeys. E-mails go to the local sink, not to GOV.UK Notify.</span>
          </p>
        </div>
        """);

    private static Html Footer() => H($"""
        <footer class="govuk-footer">
          <div class="govuk-width-container">
            <div class="govuk-footer__meta">
              <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <h2 class="govuk-visually-hidden">Support links</h2>
                <span class="govuk-footer__licence-description">Official sensitive: for probation staff. Deadlines follow the rules in force on each day.</span>
              </div>
              <div class="govuk-footer__meta-item">© Crown copyright</div>
            </div>
          </div>
        </footer>
        """);
}
