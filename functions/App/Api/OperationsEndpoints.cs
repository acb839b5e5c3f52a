using System.Reflection;
using ShortSentences.App.Http;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.App.Api;

/// <summary>Health, the OpenAPI document, and the timer and queue triggers that keep the journeys moving.</summary>
public sealed class OperationsEndpoints(IJourneyOperations journeys, AppSettings settings)
{
    private static readonly Lazy<string> OpenApiDocument = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("openapi.json")
                           ?? throw new InvalidOperationException("openapi.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string OpenApiJson => OpenApiDocument.Value;

    public Task<ApiResponse> Health(ApiRequest request, CancellationToken ct) =>
        Task.FromResult(ApiResponse.Json(200, new { status = "ok", mode = settings.Mode.ToString().ToLowerInvariant(), counters = journeys.Counters }));

    public Task<ApiResponse> OpenApi(ApiRequest request, CancellationToken ct) =>
        Task.FromResult(new ApiResponse(200, "application/json; charset=utf-8", OpenApiJson));

    /// <summary>The daily and minute-by-minute sweep (<see cref="IJourneyOperations.FireDueDeadlinesAsync"/>); answers its log line.</summary>
    public async Task<string> DueDeadlines(bool pastDue, CancellationToken ct)
    {
        var fired = await journeys.FireDueDeadlinesAsync(ct);
        return $"{fired} due deadlines fired{(pastDue ? " (the timer was past due)" : "")}";
    }

    /// <summary>
    /// The daily digests (docs/staff.md): once the day's send time has passed, each member of staff's held reminders in
    /// one e-mail; run every 15 minutes, a digest already sent that day is not sent again. Nothing while digests are off.
    /// Static, with the sender passed in: the API's handlers must not need GOV.UK Notify's settings to be built.
    /// </summary>
    public static async Task<string> DailyDigest(DigestSender digests, ReminderOptions reminders, CancellationToken ct)
    {
        if (reminders.DigestMode == DigestMode.Off) return "digests are off (Staff:Reminders:DigestMode)";
        var sent = await digests.SendDueAsync(ct);
        return $"{sent.Count} digests sent ({sent.Sum(d => d.Items)} reminders)";
    }

    /// <summary>Sends one reminder from the reminders queue; a retry leaves the message for its queue to deliver again.</summary>
    public async Task<TriggerOutcome> SendReminder(string message, long dequeueCount, CancellationToken ct)
    {
        var outcome = await journeys.SendReminderAsync(message, ct);
        return new TriggerOutcome(outcome.Retry, $"reminder (attempt {dequeueCount}): {outcome.Detail}");
    }
}
