using System.Reflection;
using ShortSentences.App.CustomHandler;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>Health, the OpenAPI document, and the timer and queue triggers that keep the journeys moving.</summary>
public sealed class OperationsEndpoints(IJourneyOperations journeys, AppSettings settings)
{
    public const string TimerBinding = "timer";
    public const string ReminderBinding = "reminder";

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

    public async Task<TriggerResult> DueDeadlines(TriggerInvocation invocation, CancellationToken ct)
    {
        var fired = await journeys.FireDueDeadlinesAsync(ct);
        var pastDue = invocation.Input(TimerBinding) is { } t && t.Contains("\"IsPastDue\":true", StringComparison.OrdinalIgnoreCase);
        return TriggerResult.Done($"{fired} due deadlines fired{(pastDue ? " (the timer was past due)" : "")}");
    }

    public async Task<TriggerResult> SendReminder(TriggerInvocation invocation, CancellationToken ct)
    {
        var message = invocation.Input(ReminderBinding);
        if (message is null) return TriggerResult.Retry($"no '{ReminderBinding}' in the invocation data");
        var outcome = await journeys.SendReminderAsync(message, ct);
        var dequeueCount = invocation.MetadataText("DequeueCount") ?? "?";
        var line = $"reminder (attempt {dequeueCount}): {outcome.Detail}";
        return outcome.Retry ? TriggerResult.Retry(line) : TriggerResult.Done(line);
    }
}
