using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using ShortSentences.App.Journeys;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>The app on Azurite, driven over HTTP and through its queues as upstream systems and staff tools would.</summary>
public sealed class JourneyApiTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;
    private readonly TestClock _clock = new(Samples.Start);

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> Journey(string id) => (await _app.GetJsonAsync($"/api/journeys/{id}")).GetProperty("journey");

    [Fact]
    public async Task A_sentence_starts_a_journey_that_answers_with_its_dates_and_next_deadlines_and_the_same_event_again_changes_nothing()
    {
        using var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100001", "A1001AA"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/journeys/J-A100001-S1", created.Headers.Location?.ToString());
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("J-A100001-S1", body.GetProperty("journeyId").GetString());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        Assert.True(body.GetProperty("keyDates").TryGetProperty("CRD", out _));
        Assert.True(body.GetProperty("keyDates").TryGetProperty("SLED", out _));
        var deadlines = body.GetProperty("nextDeadlines").EnumerateArray().ToList();
        Assert.NotEmpty(deadlines);
        Assert.All(deadlines, d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("reason").GetString())));
        var historyBefore = (await Journey("J-A100001-S1")).GetProperty("historySize").GetInt64();

        using var again = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100001", "A1001AA"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("duplicate").GetBoolean());
        Assert.Equal(historyBefore, (await Journey("J-A100001-S1")).GetProperty("historySize").GetInt64());
    }

    [Fact]
    public async Task A_second_sentence_event_with_a_new_id_for_the_same_sentence_is_a_conflict()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100002", "A1002AA"))).Dispose();
        using var conflict = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100002", "A1002AA", eventId: "another-event"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_management_API_finds_a_journey_by_id_by_person_and_by_query_with_its_history()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100003", "A1003AA"))).Dispose();
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100003", "A1003AA", sentenceId: "S2"))).Dispose();

        var journey = await Journey("J-A100003-S1");
        Assert.Equal("A100003", journey.GetProperty("crn").GetString());
        Assert.Equal("LDN-LEW", journey.GetProperty("pdu").GetString());
        Assert.NotEmpty(journey.GetProperty("openTasks").EnumerateArray());
        Assert.True(journey.GetProperty("historySize").GetInt64() >= 1);

        var person = await _app.GetJsonAsync("/api/people/A100003");
        Assert.Equal(["J-A100003-S1", "J-A100003-S2"], person.GetProperty("journeys").EnumerateArray().Select(j => j.GetProperty("journeyId").GetString()).Order());

        var byCrn = await _app.GetJsonAsync("/api/journeys?crn=A100003&pageSize=1");
        Assert.Single(byCrn.GetProperty("journeys").EnumerateArray());
        var token = byCrn.GetProperty("continuationToken").GetString();
        Assert.False(string.IsNullOrEmpty(token));
        var next = await _app.GetJsonAsync($"/api/journeys?crn=A100003&pageSize=1&continuationToken={token}");
        Assert.NotEqual(byCrn.GetProperty("journeys")[0].GetProperty("journeyId").GetString(), next.GetProperty("journeys")[0].GetProperty("journeyId").GetString());

        var stage = journey.GetProperty("stage").GetString()!;
        var byStage = await _app.GetJsonAsync($"/api/journeys?stage={stage}&pdu=LDN-LEW&pageSize=200");
        Assert.Contains("J-A100003-S1", byStage.GetProperty("journeys").EnumerateArray().Select(j => j.GetProperty("journeyId").GetString()));

        var history = await _app.GetJsonAsync("/api/journeys/J-A100003-S1/history");
        var first = history.GetProperty("entries")[0];
        Assert.Equal("sentence-recorded", first.GetProperty("eventType").GetString());
        Assert.Contains(first.GetProperty("facts").EnumerateArray(), f => f.GetProperty("type").GetString() == "journey-started");
    }

    [Fact]
    public async Task Domain_events_over_HTTP_move_the_journey_and_an_unknown_type_is_acknowledged_and_counted()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100004", "A1004AA"))).Dispose();
        var before = (await Journey("J-A100004-S1")).GetProperty("historySize").GetInt64();

        using var allocated = await _app.PostJsonAsync("/api/events", Samples.DomainEvent("11-domain-com-allocated.json", "A100004", "A1004AA", "2026-11-20T09:30:00Z"));
        Assert.Equal(HttpStatusCode.Accepted, allocated.StatusCode);
        var outcome = JsonDocument.Parse(await allocated.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("applied", outcome.GetProperty("outcome").GetString());
        var after = await Journey("J-A100004-S1");
        Assert.Equal("Priya Patel", after.GetProperty("com").GetString());
        Assert.True(after.GetProperty("historySize").GetInt64() > before);

        using var unknown = await _app.PostJsonAsync("/api/events", Samples.DomainEvent("19-domain-unknown-type.json", "A100004", "A1004AA", "2026-11-20T09:45:00Z"));
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal("ignored-unknown-type", JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
        var health = await _app.GetJsonAsync("/api/health");
        Assert.True(health.GetProperty("counters").GetProperty("domainEvents.unknownType").GetInt64() >= 1);
        Assert.Equal(after.GetProperty("historySize").GetInt64(), (await Journey("J-A100004-S1")).GetProperty("historySize").GetInt64());
    }

    [Fact]
    public async Task Domain_events_on_the_Service_Bus_stand_in_queue_reach_the_journey_through_the_local_trigger_runner()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100005", "A1005AA"))).Dispose();
        var queue = _app.Queue(LocalQueues.DomainEvents);
        await queue.SendMessageAsync(Samples.DomainEvent("11-domain-com-allocated.json", "A100005", "A1005AA", "2026-11-20T09:30:00Z"));
        await queue.SendMessageAsync(Samples.DomainEvent("19-domain-unknown-type.json", "A100005", "A1005AA", "2026-11-20T09:45:00Z"));

        var journey = await RunningApp.EventuallyAsync(() => Journey("J-A100005-S1"),
            j => j.TryGetProperty("com", out var c) && c.ValueKind == JsonValueKind.String, "the allocation from the queue to reach the journey");
        Assert.Equal("Priya Patel", journey.GetProperty("com").GetString());
        await RunningApp.EventuallyAsync(() => queue.CountAsync(), n => n == 0, "the queue to be drained");
        Assert.Equal(0, await _app.Queue(LocalQueues.Poison(LocalQueues.DomainEvents)).CountAsync());
    }

    [Fact]
    public async Task Terminating_with_a_reason_ends_the_journey_and_the_reason_is_in_its_history()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100006", "A1006AA"))).Dispose();

        using var suspend = await _app.PostJsonAsync("/api/journeys/J-A100006-S1/suspend", """{"reason":"in hospital","by":"spo-okafor"}""");
        Assert.Equal(HttpStatusCode.Conflict, suspend.StatusCode);

        using var terminate = await _app.PostJsonAsync("/api/journeys/J-A100006-S1/terminate", """{"reason":"sentence quashed on appeal","by":"spo-okafor"}""");
        Assert.Equal(HttpStatusCode.OK, terminate.StatusCode);
        var journey = await Journey("J-A100006-S1");
        Assert.Equal("Terminated", journey.GetProperty("status").GetString());
        Assert.Equal("Ended", journey.GetProperty("stage").GetString());
        Assert.Empty(journey.GetProperty("openTasks").EnumerateArray());

        var history = await _app.GetJsonAsync("/api/journeys/J-A100006-S1/history");
        var last = history.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal("journey-terminated", last.GetProperty("eventType").GetString());
        Assert.Equal("sentence quashed on appeal", last.GetProperty("event").GetProperty("reason").GetString());
        var controls = history.GetProperty("controls").EnumerateArray().ToList();
        Assert.Equal(["Suspend", "Terminate"], controls.Select(c => c.GetProperty("action").GetString()));
        Assert.StartsWith("refused", controls[0].GetProperty("outcome").GetString());

        using var again = await _app.PostJsonAsync("/api/journeys/J-A100006-S1/terminate", """{"reason":"twice","by":"spo-okafor"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_deadline_falling_due_fires_from_the_timer_and_its_reminder_goes_out_from_the_reminders_queue()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100007", "A1007AA"))).Dispose();
        var before = await Journey("J-A100007-S1");
        var firstDue = LocalDateFromIso(before.GetProperty("openTasks")[0].GetProperty("dueDate").GetString()!);
        // Move past the first due date: the timer trigger (every second here) fires its reminders.
        _clock.Advance(Duration.FromDays(Period.Between(Samples.Start.InUtc().Date, firstDue, PeriodUnits.Days).Days + 2));

        // The first task's overdue reminder: its due-today one may already have gone out when the sentence was decided.
        var overdueKey = before.GetProperty("openTasks")[0].GetProperty("taskId").GetString() + "~002Foverdue";
        var sentKeys = _app.Table(ReminderGateway.SentTable);
        var sent = await RunningApp.EventuallyAsync(
            async () =>
            {
                var n = 0;
                await foreach (var r in sentKeys.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {ReminderGateway.SentRow}")))
                    if (r.PartitionKey.Contains("A100007") && r.PartitionKey.Contains(overdueKey)) n++;
                return n;
            },
            n => n > 0, "the overdue reminder of the deadline that fell due to be sent");
        Assert.True(sent > 0);
        var after = await Journey("J-A100007-S1");
        Assert.True(after.GetProperty("historySize").GetInt64() > before.GetProperty("historySize").GetInt64());
        Assert.True(after.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task The_staff_pages_beside_the_API_show_the_real_journey_with_its_reasons()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("A100008", "A1008AA"))).Dispose();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = _app.BaseAddress };
        using var signIn = await browser.PostAsync("/staff/sign-in", new FormUrlEncodedContent([KeyValuePair.Create("staffId", "spo-okafor")]));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        using var page = await browser.GetAsync("/staff/journeys/J-A100008-S1");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("A100008", html);
        Assert.Contains("Short Sentence Function", html);
        var caseload = await browser.GetStringAsync("/staff/caseload?scope=pdu");
        Assert.Contains("J-A100008-S1", caseload);
    }

    private static LocalDate LocalDateFromIso(string text) => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value;
}
