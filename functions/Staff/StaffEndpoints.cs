using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ShortSentences.Staff.Caseload;
using ShortSentences.Staff.People;
using ShortSentences.Staff.Identity;
using ShortSentences.Staff.Pages;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.Staff;

/// <summary>The /staff routes: the imperative shell around the pure page functions and policies.</summary>
internal static class StaffEndpoints
{
    public static void Map(RouteGroupBuilder staff)
    {
        staff.MapGet("", () => Results.Redirect("/staff/caseload"));
        staff.MapGet("/sign-in", (StaffDirectory directory, StaffSettings settings, HttpContext http) =>
            settings.LocalMode ? Page(http, SignInPage.Render(directory, null)) : Results.NotFound());
        staff.MapPost("/sign-in", SignIn);
        staff.MapGet("/sign-out", (StaffSettings settings, HttpContext http) =>
        {
            if (!settings.LocalMode) return Results.Redirect("/.auth/logout");
            http.Response.Cookies.Delete(ViewerIdentity.DevelopmentCookie);
            return Results.Redirect("/staff/sign-in");
        });
        staff.MapGet("/caseload", Caseload);
        staff.MapGet("/journeys/{id}", Journey);
        staff.MapGet("/reminders", Reminders);
    }

    private static async Task<IResult> SignIn(HttpContext http, StaffDirectory directory, StaffSettings settings)
    {
        if (!settings.LocalMode)
            return Results.NotFound();
        var form = await http.Request.ReadFormAsync();
        if (directory.Find(form["staffId"].ToString()) is not { } member)
            return Page(http, SignInPage.Render(directory, "Select who you are"), 400);
        http.Response.Cookies.Append(ViewerIdentity.DevelopmentCookie, member.Id, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/",
        });
        return Results.Redirect("/staff/caseload");
    }

    private static async Task<IResult> Caseload(HttpContext http, StaffDirectory directory, StaffSettings settings,
        ICaseloadReader reader, TimeProvider clock, string? scope, string? pdu, string? stage, string? due, string? overdue)
    {
        if (SignedIn(http, directory, settings) is { } refused) return refused;
        var viewer = Viewer(http);
        CaseloadScope? wanted = Enum.TryParse<CaseloadScope>(scope, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;
        if (AccessPolicy.Allow(viewer, directory, wanted, pdu) is not { } allowed)
            return Forbidden(http, viewer, settings, "You cannot see that caseload. Practitioners see their own cases; SPOs their team's and their PDU's.");
        var all = await reader.CaseloadAsync(allowed.Pdu, allowed.ComIds, http.RequestAborted);
        var today = DeadlinePolicy.Today(clock);
        var filter = CaseloadFilter.Parse(stage, due, overdue);
        return Page(http, CaseloadPage.Render(new CaseloadPage.Model(viewer, allowed, filter, filter.Apply(all, today), all.Count, today, directory, settings.LocalMode)));
    }

    private static async Task<IResult> Journey(HttpContext http, string id, StaffDirectory directory, StaffSettings settings,
        ICaseloadReader reader, IDeliveryLog log, TimeProvider clock)
    {
        if (SignedIn(http, directory, settings) is { } refused) return refused;
        var viewer = Viewer(http);
        var journey = await reader.JourneyAsync(id, http.RequestAborted);
        if (journey is null)
            return Page(http, ErrorPages.Render("Journey not found", "There is no journey with that reference. Check the link, or find the person in your caseload.", viewer, settings.LocalMode), 404);
        if (!AccessPolicy.CanOpen(viewer, journey.Summary))
            return Forbidden(http, viewer, settings, "This journey belongs to another probation delivery unit. Ask its PDU, or your SPO, if you need it.");
        var reminders = (await log.AllAsync(http.RequestAborted))
            .Where(r => string.Equals(r.Command.JourneyId, journey.Summary.JourneyId, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return Page(http, JourneyPage.Render(new JourneyPage.Model(viewer, journey, reminders, DeadlinePolicy.Today(clock), directory, settings.LocalMode)));
    }

    private static async Task<IResult> Reminders(HttpContext http, StaffDirectory directory, StaffSettings settings,
        IDeliveryLog log, IServiceProvider services)
    {
        if (SignedIn(http, directory, settings) is { } refused) return refused;
        var viewer = Viewer(http);
        var visible = (await log.AllAsync(http.RequestAborted)).Where(r => ReminderVisibility.CanSee(viewer, r)).ToList();
        var sink = services.GetService(typeof(LocalSink)) is LocalSink local
            ? local.Emails.Where(e => visible.Any(r => string.Equals(r.RecipientEmail, e.Message.EmailAddress, StringComparison.OrdinalIgnoreCase))).ToList()
            : null;
        return Page(http, RemindersPage.Render(viewer, visible, sink, settings.LocalMode));
    }

    /// <summary>Null when someone in the directory is signed in; otherwise the page that says what to do.</summary>
    private static IResult? SignedIn(HttpContext http, StaffDirectory directory, StaffSettings settings)
    {
        switch (ViewerIdentity.From(http.Request, directory, settings.LocalMode))
        {
            case Viewer.Staff staff:
                http.Items[nameof(Viewer)] = staff.Member;
                return null;
            case Viewer.Unknown unknown:
                return Page(http, ErrorPages.Render("You do not have access",
                    $"You are signed in as {unknown.Name}, who is not in the staff directory. Ask your SPO to add you.", null, settings.LocalMode), 403);
            default:
                return settings.LocalMode
                    ? Results.Redirect("/staff/sign-in")
                    : Page(http, ErrorPages.Render("Sign in to continue",
                        "You are not signed in. Open the service from your work account so that App Service authentication can sign you in.", null, false), 401);
        }
    }

    private static StaffMember Viewer(HttpContext http) => (StaffMember)http.Items[nameof(Viewer)]!;

    private static IResult Forbidden(HttpContext http, StaffMember viewer, StaffSettings settings, string message) =>
        Page(http, ErrorPages.Render("You cannot see this page", message, viewer, settings.LocalMode), 403);

    public static IResult Page(HttpContext http, Html html, int status = 200) =>
        Results.Content(html.Value, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}

/// <summary>Practitioners see the reminders sent to them; SPOs those in their PDU; administrators all.</summary>
public static class ReminderVisibility
{
    public static bool CanSee(StaffMember viewer, DeliveryRecord record) => viewer.Role switch
    {
        StaffRole.Administrator => true,
        StaffRole.Spo => string.Equals(record.Command.Pdu, viewer.Pdu, StringComparison.OrdinalIgnoreCase),
        _ => string.Equals(record.RecipientStaffId, viewer.Id, StringComparison.OrdinalIgnoreCase),
    };
}
