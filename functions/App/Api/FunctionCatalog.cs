using ShortSentences.App.CustomHandler;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>
/// Every function of the app in one list: the name is the folder of its function.json (Functions/&lt;Name&gt;/), and
/// for HTTP the route is the function.json route with the host's "api/" prefix. Tests hold function.json, this list
/// and openapi.json to each other.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<FunctionRoute> HttpFunctions(SentenceEndpoints sentences, DomainEventEndpoints events,
        JourneyEndpoints journeys, OperationsEndpoints operations) =>
    [
        new("PostSentence", "POST", "api/sentences", Access.FunctionKey, sentences.PostSentence),
        new("PostDomainEvent", "POST", "api/events", Access.FunctionKey, events.PostEvent),
        new("ListJourneys", "GET", "api/journeys", Access.FunctionKey, journeys.List),
        new("GetJourney", "GET", "api/journeys/{id}", Access.FunctionKey, journeys.Get),
        new("GetJourneyHistory", "GET", "api/journeys/{id}/history", Access.FunctionKey, journeys.History),
        new("SuspendJourney", "POST", "api/journeys/{id}/suspend", Access.FunctionKey, journeys.Suspend),
        new("ResumeJourney", "POST", "api/journeys/{id}/resume", Access.FunctionKey, journeys.Resume),
        new("TerminateJourney", "POST", "api/journeys/{id}/terminate", Access.FunctionKey, journeys.Terminate),
        new("GetPerson", "GET", "api/people/{crn}", Access.FunctionKey, journeys.Person),
        new("Health", "GET", "api/health", Access.Anonymous, operations.Health),
        new("OpenApi", "GET", "api/openapi.json", Access.Anonymous, operations.OpenApi),
    ];

    public const string DomainEventsFunction = "DomainEventsFromServiceBus";
    public const string DueDeadlinesFunction = "DueDeadlines";
    public const string SendRemindersFunction = "SendReminders";

    public static IReadOnlyList<TriggerFunction> Triggers(DomainEventEndpoints events, OperationsEndpoints operations) =>
    [
        new(DomainEventsFunction, DomainEventEndpoints.ServiceBusBinding, events.FromServiceBus),
        new(DueDeadlinesFunction, OperationsEndpoints.TimerBinding, operations.DueDeadlines),
        new(SendRemindersFunction, OperationsEndpoints.ReminderBinding, operations.SendReminder),
    ];
}
