using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ShortSentences.Staff.Actions;
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
        staff.MapPost("/journeys/{id}/tasks/{taskId}/complete", MarkDone);
        staff.MapGet("/people/{crn}", Person);
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
        ICaseloadReader reader, IDeliveryLog log, TimeProvider clock, IAntiforgery antiforgery, IServiceProvider services, string? done)
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
        // The "Mark as done" forms: only for staff of the journey's PDU, and only where the app can change journeys.
        var actions = services.GetService(typeof(IJourneyActions)) is not null && AccessPolicy.CanAct(viewer, journey.Summary)
            ? new JourneyPage.TaskForms(antiforgery.GetAndStoreTokens(http))
            : null;
        var doneTask = done is not null && journey.Summary.OpenTasks.All(t => t.TaskId != done) ? done : null;
        return Page(http, JourneyPage.Render(new JourneyPage.Model(viewer, journey, reminders, DeadlinePolicy.Today(clock), directory, settings.LocalMode)
        {
            Forms = actions,
            JustDone = doneTask,
        }));
    }

    /// <summary>
    /// A member of staff marks a task done from the journey page: a real form POST with its anti-forgery token,
    /// recorded with the signed-in member of staff as who did it. Only staff of the journey's PDU may act.
    /// </summary>
    private static async Task<IResult> MarkDone(HttpContext http, string id, string taskId, StaffDirectory directory, StaffSettings settings,
        ICaseloadReader reader, IAntiforgery antiforgery, IServiceProvider services)
    {
        if (SignedIn(http, directory, settings) is { } refused) return refused;
        var viewer = Viewer(http);
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Page(http, ErrorPages.Render("The form could not be used", "The form was not sent from this service's own page, or it has expired. Go back to the journey, reload it and try again.", viewer, settings.LocalMode), 400);
        }
        if (services.GetService(typeof(IJourneyActions)) is not IJourneyActions actions)
            return Page(http, ErrorPages.Render("Journeys cannot be changed here", "This service is not connected to the journeys, so tasks cannot be marked as done.", viewer, settings.LocalMode), 503);
        var journey = await reader.JourneyAsync(id, http.RequestAborted);
        if (journey is null)
            return Page(http, ErrorPages.Render("Journey not found", "There is no journey with that reference.", viewer, settings.LocalMode), 404);
        if (!AccessPolicy.CanAct(viewer, journey.Summary))
            return Forbidden(http, viewer, settings, "Only staff of the journey's probation delivery unit can mark its tasks as done.");
        var (form, problem) = MarkDoneForm.Parse(await http.Request.ReadFormAsync(http.RequestAborted));
        if (form is null) return NotDone(http, viewer, settings, id, problem!, 400);
        return await actions.CompleteTaskAsync(journey.Summary.JourneyId, taskId, form.On, viewer.Id, form.Note, http.RequestAborted) switch
        {
            ActionResult.Done => Results.Redirect($"/staff/journeys/{Uri.EscapeDataString(journey.Summary.JourneyId)}?done={Uri.EscapeDataString(taskId)}#open-tasks"),
            ActionResult.Refused r => NotDone(http, viewer, settings, id, r.Why, 409),
            ActionResult.Invalid i => NotDone(http, viewer, settings, id, i.Why, 400),
            _ => Page(http, ErrorPages.Render("Journey not found", "There is no journey with that reference.", viewer, settings.LocalMode), 404),
        };
    }

    private static IResult NotDone(HttpContext http, StaffMember viewer, StaffSettings settings, string journeyId, string why, int status) =>
        Page(http, ErrorPages.Render("The task was not marked as done", $"{why}. Go back to the journey to try again.", viewer, settings.LocalMode, backTo: $"/staff/journeys/{Uri.EscapeDataString(journeyId)}"), status);

    /// <summary>Every journey of one person that the viewer may open; 404 when none is known, 403 when none is theirs to see.</summary>
    private static async Task<IResult> Person(HttpContext http, string crn, StaffDirectory directory, StaffSettings settings,
        ICaseloadReader reader, TimeProvider clock)
    {
        if (SignedIn(http, directory, settings) is { } refused) return refused;
        var viewer = Viewer(http);
        var all = crn.Length is > 0 and <= 16 ? await reader.PersonAsync(crn, http.RequestAborted) : [];
        if (all.Count == 0)
            return Page(http, ErrorPages.Render("Person not found", "There are no journeys for that CRN. Check the link, or find the person in your caseload.", viewer, settings.LocalMode), 404);
        var visible = all.Where(j => AccessPolicy.CanOpen(viewer, j)).ToList();
        if (visible.Count == 0)
            return Forbidden(http, viewer, settings, "This person's journeys belong to another probation delivery unit. Ask its PDU, or your SPO, if you need them.");
        return Page(http, PersonPage.Render(new PersonPage.Model(viewer, visible[0].Crn, visible, DeadlinePolicy.Today(clock), directory, settings.LocalMode)));
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
