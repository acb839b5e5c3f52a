using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>An HTTP function as declared: its name, method, route and auth level.</summary>
public sealed record HttpFunction(string Name, string Method, string Template, Access Access);

/// <summary>
/// Every function of the app in one list, by its <c>[Function]</c> name; for HTTP the route is the trigger's route
/// (host.json sets no route prefix, so API routes start with "api/"). The metadata test holds the SDK's
/// functions.metadata, this list and openapi.json to each other; the local web host serves the same routes.
/// </summary>
public static class FunctionCatalog
{
    public static readonly IReadOnlyList<HttpFunction> Http =
    [
        new("PostSentence", "POST", "api/sentences", Access.FunctionKey),
        new("PostDomainEvent", "POST", "api/events", Access.FunctionKey),
        new("ListJourneys", "GET", "api/journeys", Access.FunctionKey),
        new("GetJourney", "GET", "api/journeys/{id}", Access.FunctionKey),
        new("GetJourneyHistory", "GET", "api/journeys/{id}/history", Access.FunctionKey),
        new("SuspendJourney", "POST", "api/journeys/{id}/suspend", Access.FunctionKey),
        new("ResumeJourney", "POST", "api/journeys/{id}/resume", Access.FunctionKey),
        new("TerminateJourney", "POST", "api/journeys/{id}/terminate", Access.FunctionKey),
        new("CompleteTask", "POST", "api/journeys/{id}/tasks/{taskId}/complete", Access.FunctionKey),
        new("CorrectDates", "POST", "api/journeys/{id}/dates", Access.FunctionKey),
        new("GetPerson", "GET", "api/people/{crn}", Access.FunctionKey),
        new("Health", "GET", "api/health", Access.Anonymous),
        new("OpenApi", "GET", "api/openapi.json", Access.Anonymous),
    ];

    /// <summary>
    /// Functions that only forward to ASP.NET endpoints the staff pages map (forwarding keeps the path): the pages
    /// under /staff and their GOV.UK Frontend assets under /assets.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> StaffPassThrough = new Dictionary<string, string>
    {
        ["StaffPages"] = "staff/{*path}",
        ["StaffAssets"] = "assets/{*path}",
    };

    public const string DueDeadlinesFunction = "DueDeadlines";
    public const string SendRemindersFunction = "SendReminders";
    public const string DailyDigestFunction = "DailyDigest";

    /// <summary>The sweep for deadlines a journey has not acted on: every minute (NCRONTAB, UTC).</summary>
    public const string DueDeadlinesSchedule = "0 */1 * * * *";

    /// <summary>The digests go out once their send time has passed: looked at every 15 minutes.</summary>
    public const string DailyDigestSchedule = "0 */15 * * * *";

    /// <summary>The functions that are neither HTTP nor the journeys' own tasks, and their trigger type.</summary>
    public static readonly IReadOnlyDictionary<string, string> Triggered = new Dictionary<string, string>
    {
        [DueDeadlinesFunction] = "timerTrigger",
        [DailyDigestFunction] = "timerTrigger",
        [SendRemindersFunction] = "queueTrigger",
    };

    /// <summary>The timers' schedules.</summary>
    public static readonly IReadOnlyDictionary<string, string> Schedules = new Dictionary<string, string>
    {
        [DueDeadlinesFunction] = DueDeadlinesSchedule,
        [DailyDigestFunction] = DailyDigestSchedule,
    };

    public static IReadOnlyList<FunctionRoute> Routes(SentenceEndpoints sentences, DomainEventEndpoints events,
        JourneyEndpoints journeys, OperationsEndpoints operations) =>
        Http.Select(f => new FunctionRoute(f.Name, f.Method, f.Template, f.Access, f.Name switch
        {
            "PostSentence" => sentences.PostSentence,
            "PostDomainEvent" => events.PostEvent,
            "ListJourneys" => journeys.List,
            "GetJourney" => journeys.Get,
            "GetJourneyHistory" => journeys.History,
            "SuspendJourney" => journeys.Suspend,
            "ResumeJourney" => journeys.Resume,
            "TerminateJourney" => journeys.Terminate,
            "CompleteTask" => journeys.CompleteTask,
            "CorrectDates" => journeys.CorrectDates,
            "GetPerson" => journeys.Person,
            "Health" => operations.Health,
            "OpenApi" => operations.OpenApi,
            _ => throw new InvalidOperationException($"no handler for {f.Name}"),
        })).ToList();
}
