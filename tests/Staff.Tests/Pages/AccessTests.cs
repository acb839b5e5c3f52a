using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.Identity;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Pages;

public sealed class AccessTests : IAsyncLifetime
{
    private StaffHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        host = await StaffHost.StartAsync();
        http = host.Client();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(string path, string? staffId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (staffId is not null) request.Headers.Add("Cookie", $"{ViewerIdentity.DevelopmentCookie}={staffId}");
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_practitioner_cannot_open_a_journey_outside_their_PDU()
    {
        var (status, body) = await Get("/staff/journeys/J-X334455-S1", "com-patel");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("another probation delivery unit", body);
        Assert.DoesNotContain("X334455", body);
    }

    [Fact]
    public async Task A_practitioner_may_open_a_colleague_s_journey_in_their_own_PDU()
    {
        var (status, body) = await Get("/staff/journeys/J-X431876-S1", "com-patel");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Leanne Ford", body);
    }

    [Fact]
    public async Task An_administrator_may_open_a_journey_in_any_PDU()
    {
        var (status, _) = await Get("/staff/journeys/J-X334455-S1", "pq-lead");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task A_practitioner_s_caseload_shows_only_their_own_cases()
    {
        var (status, body) = await Get("/staff/caseload", "com-patel");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("X777519", body);
        Assert.Contains("X612044", body);
        Assert.DoesNotContain("X431876", body); // Tom Hughes's case
        Assert.DoesNotContain("X500123", body); // not allocated yet
        Assert.Contains("Showing 2 of 2 cases", body);
    }

    [Fact]
    public async Task A_practitioner_cannot_ask_for_the_whole_PDU()
    {
        var (status, _) = await Get("/staff/caseload?scope=pdu", "com-patel");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task An_SPO_sees_their_team_and_the_whole_PDU_including_cases_waiting_for_a_COM()
    {
        var (_, team) = await Get("/staff/caseload", "spo-okafor");
        var (_, pdu) = await Get("/staff/caseload?scope=pdu", "spo-okafor");

        Assert.Contains("X777519", team);
        Assert.Contains("X431876", team);
        Assert.DoesNotContain("X500123", team);
        Assert.Contains("X500123", pdu);
        Assert.Contains("Not allocated", pdu);
        Assert.DoesNotContain("X334455", pdu); // Southwark
    }

    [Fact]
    public async Task An_SPO_cannot_look_at_another_PDU_s_caseload()
    {
        var (status, _) = await Get("/staff/caseload?scope=pdu&pdu=LDN-SWK", "spo-okafor");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Filters_narrow_the_caseload_to_a_stage_and_to_overdue_or_due_this_week()
    {
        var (_, overdue) = await Get("/staff/caseload?scope=pdu&overdue=yes", "spo-okafor");
        var (_, thisWeek) = await Get("/staff/caseload?scope=pdu&due=week", "spo-okafor");
        var (_, preRelease) = await Get("/staff/caseload?scope=pdu&stage=PreRelease", "spo-okafor");

        Assert.Contains("Showing 3 of 5 cases", overdue); // home visit, COM allocation, BCST part 1
        Assert.DoesNotContain("X612044", overdue);
        Assert.Contains("Showing 2 of 5 cases", thisWeek); // initial assessment and duty to refer, both on 12 March
        Assert.Contains("Showing 1 of 5 cases", preRelease);
        Assert.Contains("X612044", preRelease);
    }

    [Fact]
    public async Task Without_signing_in_the_local_pages_send_you_to_the_development_sign_in()
    {
        using var response = await http.GetAsync("/staff/caseload");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/staff/sign-in", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_in_locally_sets_the_cookie_for_the_chosen_practitioner_and_a_stranger_is_refused()
    {
        using var ok = await http.PostAsync("/staff/sign-in", new FormUrlEncodedContent([new("staffId", "com-hughes")]));
        using var bad = await http.PostAsync("/staff/sign-in", new FormUrlEncodedContent([new("staffId", "nobody")]));

        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains(ok.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{ViewerIdentity.DevelopmentCookie}=com-hughes", StringComparison.Ordinal) && c.Contains("httponly"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Select who you are", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_practitioner_sees_the_reminders_sent_to_them_and_not_those_sent_to_others()
    {
        var (_, body) = await Get("/staff/reminders", "com-patel");

        Assert.Contains("J-X777519-S1/home-visit/overdue", body); // in the local sink table
        Assert.DoesNotContain("X334455", body);
        Assert.DoesNotContain("J-X431876-S1", body);
    }

    [Fact]
    public async Task The_journey_page_lists_the_reminders_sent_about_it()
    {
        var (_, body) = await Get("/staff/journeys/J-X777519-S1", "com-patel");

        Assert.Contains("Overdue: Home visit", body);
        Assert.Contains("Coming up: Initial assessment", body);
        Assert.Contains("Escalated to SPO: Home visit", body);
        Assert.Contains("Grace Okafor", body); // the escalation went to the SPO
    }

    [Fact]
    public async Task Frontend_assets_are_served_from_node_modules_and_nothing_outside_them()
    {
        using var css = await http.GetAsync("/assets/govuk/govuk-frontend.min.css");
        using var moj = await http.GetAsync("/assets/moj/moj-frontend.min.css");
        using var font = await http.GetAsync("/assets/fonts/bold-b542beb274-v2.woff2");
        using var crest = await http.GetAsync("/assets/images/moj-logotype-crest-2024.svg");
        var whiteCrest = await http.GetStringAsync("/assets/staff/crest.svg");
        using var escape = await http.GetAsync("/assets/govuk/..%2F..%2F..%2Fpackage.json");
        using var scss = await http.GetAsync("/assets/govuk/index.scss");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, moj.StatusCode);
        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
        Assert.Equal(HttpStatusCode.OK, crest.StatusCode);
        Assert.Contains("fill=\"#ffffff\"", whiteCrest); // visible on the black MOJ header
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, scss.StatusCode);
    }
}

public sealed class AzureIdentityTests : IAsyncLifetime
{
    private StaffHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var today = new LocalDate(2026, 3, 11);
        var journeys = SampleCaseload.Journeys(today).ToList();
        var hostile = journeys[0] with { Summary = journeys[0].Summary with { JourneyId = "J-X999999-S1", Crn = "X999999", Name = "<script>alert('x')</script> Evans" } };
        journeys.Add(hostile);
        host = await StaffHost.StartAsync(mode: "azure", services: s => s.AddSingleton<ICaseloadReader>(new InMemoryCaseloadReader(journeys)));
        http = host.Client();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await host.DisposeAsync();
    }

    private static string Principal(params (string Type, string Value)[] claims) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = claims.Select(c => new { typ = c.Type, val = c.Value }),
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        })));

    private async Task<(HttpStatusCode Status, string Body)> Get(string path, Action<HttpRequestMessage> sign)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        sign(request);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task App_Service_authentication_s_principal_header_signs_in_the_member_of_staff_with_that_e_mail()
    {
        var (status, body) = await Get("/staff/caseload", r =>
            r.Headers.Add(ViewerIdentity.PrincipalHeader, Principal(("name", "Priya Patel"), ("preferred_username", "Priya.Patel@probation.example.gov.uk"))));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your caseload", body);
        Assert.Contains("X777519", body);
        Assert.Contains("/.auth/logout", body);
    }

    [Fact]
    public async Task The_principal_name_header_alone_is_enough()
    {
        var (status, body) = await Get("/staff/caseload", r => r.Headers.Add(ViewerIdentity.PrincipalNameHeader, "aoife.murphy@probation.example.gov.uk"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("X334455", body);
    }

    [Fact]
    public async Task Without_App_Service_headers_the_page_asks_you_to_sign_in_and_the_development_cookie_is_ignored()
    {
        var (status, body) = await Get("/staff/caseload", r => r.Headers.Add("Cookie", $"{ViewerIdentity.DevelopmentCookie}=com-patel"));
        var (signIn, _) = await Get("/staff/sign-in", _ => { });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("You are not signed in", body);
        Assert.Equal(HttpStatusCode.NotFound, signIn);
    }

    [Fact]
    public async Task Someone_signed_in_but_not_in_the_staff_directory_is_refused()
    {
        var (status, body) = await Get("/staff/caseload", r => r.Headers.Add(ViewerIdentity.PrincipalNameHeader, "visitor@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("visitor@example.com", body);
    }

    [Fact]
    public async Task A_name_from_the_data_is_shown_as_text_never_run_as_markup()
    {
        var (_, body) = await Get("/staff/journeys/J-X999999-S1", r => r.Headers.Add(ViewerIdentity.PrincipalNameHeader, "priya.patel@probation.example.gov.uk"));

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Evans", body);
        Assert.DoesNotContain("<script>alert", body);
    }
}
