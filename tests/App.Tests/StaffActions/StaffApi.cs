using System.Net;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>What the staff-action tests ask of the running app, over HTTP only.</summary>
internal static class StaffApi
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static LocalDate Date(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);

    public static LocalDate Today(TimeProvider clock) => Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(London).Date;

    public static async Task<JsonElement> Journey(this RunningApp app, string id) =>
        (await app.GetJsonAsync($"/api/journeys/{id}")).GetProperty("journey");

    public static async Task<(HttpStatusCode Status, JsonElement Body)> Post(this RunningApp app, string path, object body)
    {
        using var response = await app.PostJsonAsync(path, body as string ?? JsonSerializer.Serialize(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> Complete(this RunningApp app, string journeyId, string taskId, LocalDate on,
        string by = "com-patel", string? note = null) =>
        app.Post($"/api/journeys/{journeyId}/tasks/{taskId}/complete", note is null ? new { on = Iso(on), by } : new { on = Iso(on), by, note });

    public static IEnumerable<JsonElement> OpenTasks(this JsonElement journey) => journey.GetProperty("openTasks").EnumerateArray();

    public static JsonElement OpenTask(this JsonElement journey, string ruleId) =>
        journey.OpenTasks().FirstOrDefault(t => t.GetProperty("ruleId").GetString() == ruleId) is { ValueKind: JsonValueKind.Object } t
            ? t
            : throw new Xunit.Sdk.XunitException($"no open {ruleId}; open: {string.Join(", ", journey.OpenTasks().Select(x => x.GetProperty("taskId").GetString()))}");

    public static LocalDate Due(this JsonElement task) => Date(task.GetProperty("dueDate").GetString()!);

    /// <summary>Every fact of the journey's history, with the event type it came from.</summary>
    public static async Task<List<(string EventType, JsonElement Fact)>> Facts(this RunningApp app, string journeyId)
    {
        var history = await app.GetJsonAsync($"/api/journeys/{journeyId}/history");
        return history.GetProperty("entries").EnumerateArray()
            .SelectMany(e => e.GetProperty("facts").EnumerateArray().Select(f => (e.GetProperty("eventType").GetString()!, f)))
            .ToList();
    }

    public static string Type(this JsonElement fact) => fact.GetProperty("type").GetString()!;

    /// <summary>Moves the clock to 10:00 London on <paramref name="day"/> (never back).</summary>
    public static void MoveTo(this TestClock clock, LocalDate day)
    {
        var target = day.At(new LocalTime(10, 0)).InZoneLeniently(London).ToInstant();
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        if (target > now) clock.Advance(target - now);
    }

    public static void AssertProblem(HttpStatusCode expected, (HttpStatusCode Status, JsonElement Body) answer, string? field = null)
    {
        Assert.True(expected == answer.Status, $"expected {(int)expected}, got {(int)answer.Status}: {answer.Body}");
        if (field is not null) Assert.True(answer.Body.GetProperty("errors").TryGetProperty(field, out _), $"'{field}' not named in {answer.Body}");
    }
}
