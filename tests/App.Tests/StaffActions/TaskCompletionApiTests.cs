using System.Net;
using System.Text.Json;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;
using static ShortSentences.App.Tests.StaffActions.StaffApi;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>POST /api/journeys/{id}/tasks/{taskId}/complete, and who acted on suspend, resume and terminate.</summary>
public sealed class TaskCompletionApiTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;
    private readonly TestClock _clock = new(Samples.Start);

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> Sentenced(string crn, string noms)
    {
        using var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence(crn, noms));
        Assert.True(created.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"sentence: {(int)created.StatusCode}");
        return $"J-{crn}-S1";
    }

    [Fact]
    public async Task A_task_marked_done_today_is_met_on_time_closes_and_the_history_names_who_did_it_and_their_note()
    {
        var id = await Sentenced("B200001", "B2001AA");
        var task = (await _app.Journey(id)).OpenTask("com-allocation-ssf");
        var today = Today(_clock);

        var (status, body) = await _app.Complete(id, task.GetProperty("taskId").GetString()!, today, "com-patel", "allocated to Priya by phone");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        var journey = body.GetProperty("journey");
        Assert.DoesNotContain(journey.OpenTasks(), t => t.GetProperty("ruleId").GetString() == "com-allocation-ssf");
        var facts = await _app.Facts(id);
        var met = Assert.Single(facts, f => f.Fact.Type() == "deadline-met" && f.Fact.GetProperty("ruleId").GetString() == "com-allocation-ssf");
        Assert.Equal("task-completed", met.EventType);
        Assert.Equal(Iso(today), met.Fact.GetProperty("on").GetString());
        Assert.False(met.Fact.GetProperty("late").GetBoolean());
        Assert.Contains(facts, f => f.Fact.Type() == "noted" && f.Fact.GetProperty("what").GetString()!.Contains("com-patel")
                                    && f.Fact.GetProperty("what").GetString()!.Contains("allocated to Priya by phone"));
    }

    [Fact]
    public async Task A_task_done_after_its_due_date_is_met_late_on_the_day_given()
    {
        var id = await Sentenced("B200002", "B2002AA");
        var task = (await _app.Journey(id)).OpenTask("com-allocation-ssf");
        _clock.MoveTo(task.Due().PlusDays(4));

        var (status, _) = await _app.Complete(id, task.GetProperty("taskId").GetString()!, task.Due().PlusDays(2));

        Assert.Equal(HttpStatusCode.OK, status);
        var met = Assert.Single(await _app.Facts(id), f => f.Fact.Type() == "deadline-met" && f.Fact.GetProperty("ruleId").GetString() == "com-allocation-ssf");
        Assert.True(met.Fact.GetProperty("late").GetBoolean());
        Assert.Equal(Iso(task.Due().PlusDays(2)), met.Fact.GetProperty("on").GetString());
    }

    [Fact]
    public async Task The_same_completion_again_changes_nothing_and_a_task_that_is_not_open_is_a_conflict_naming_the_open_tasks()
    {
        var id = await Sentenced("B200003", "B2003AA");
        var taskId = (await _app.Journey(id)).OpenTask("com-allocation-ssf").GetProperty("taskId").GetString()!;
        var today = Today(_clock);
        Assert.Equal(HttpStatusCode.OK, (await _app.Complete(id, taskId, today, note: "done")).Status);
        var size = (await _app.Journey(id)).GetProperty("historySize").GetInt64();

        var (againStatus, again) = await _app.Complete(id, taskId, today, note: "done");
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());

        var other = await _app.Complete(id, taskId, today, note: "done again, differently");
        AssertProblem(HttpStatusCode.Conflict, other);
        var detail = other.Body.GetProperty("detail").GetString()!;
        Assert.Contains($"task {taskId} is not open", detail);
        foreach (var open in (await _app.Journey(id)).OpenTasks()) Assert.Contains(open.GetProperty("taskId").GetString()!, detail);
        AssertProblem(HttpStatusCode.Conflict, await _app.Complete(id, "no-such-task", today));
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());
    }

    [Fact]
    public async Task A_day_after_today_or_before_the_sentence_is_refused_naming_on_and_nothing_is_recorded()
    {
        var id = await Sentenced("B200004", "B2004AA");
        var taskId = (await _app.Journey(id)).OpenTask("com-allocation-ssf").GetProperty("taskId").GetString()!;
        var size = (await _app.Journey(id)).GetProperty("historySize").GetInt64();

        AssertProblem(HttpStatusCode.BadRequest, await _app.Complete(id, taskId, Today(_clock).PlusDays(1)), "on");
        AssertProblem(HttpStatusCode.BadRequest, await _app.Complete(id, taskId, Date("2026-11-15")), "on"); // sentenced 16 Nov
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());
        Assert.Contains(taskId, (await _app.Journey(id)).OpenTasks().Select(t => t.GetProperty("taskId").GetString()));
    }

    [Theory]
    [InlineData("""{"by":"com-patel"}""", "on")]
    [InlineData("""{"on":"2026-11-20"}""", "by")]
    [InlineData("""{"on":"2026-02-30","by":"com-patel"}""", "on")]
    [InlineData("""{"on":"20/11/2026","by":"com-patel"}""", "on")]
    [InlineData("""{"on":"2026-11-20","by":"com patel'"}""", "by")]
    [InlineData("""{"on":"2026-11-20","by":42}""", "by")]
    [InlineData("""{"on":"2026-11-20","by":"com-patel","note":7}""", "note")]
    [InlineData("""{"on":"2026-11-20","by":"com-patel","notes":"misspelt"}""", "notes")]
    public async Task A_malformed_completion_is_refused_naming_the_field(string body, string field)
    {
        var id = await Sentenced("B200005", "B2005AA");
        var taskId = (await _app.Journey(id)).OpenTask("com-allocation-ssf").GetProperty("taskId").GetString()!;
        var size = (await _app.Journey(id)).GetProperty("historySize").GetInt64();
        AssertProblem(HttpStatusCode.BadRequest, await _app.Post($"/api/journeys/{id}/tasks/{taskId}/complete", body), field);
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());
    }

    [Fact]
    public async Task Completing_needs_the_key_and_a_known_journey()
    {
        using var noKey = await _app.PostJsonAsync("/api/journeys/J-B200006-S1/tasks/home-visit/complete", """{"on":"2026-11-20","by":"com-patel"}""", withKey: false);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        AssertProblem(HttpStatusCode.NotFound, await _app.Complete("J-B200006-S1", "home-visit", Today(_clock)));
    }

    [Fact]
    public async Task Suspend_resume_and_terminate_need_who_acted_and_the_history_shows_them()
    {
        var id = await Sentenced("B200007", "B2007AA");
        var size = (await _app.Journey(id)).GetProperty("historySize").GetInt64();
        AssertProblem(HttpStatusCode.BadRequest, await _app.Post($"/api/journeys/{id}/terminate", new { reason = "quashed" }), "by");
        AssertProblem(HttpStatusCode.BadRequest, await _app.Post($"/api/journeys/{id}/suspend", new { reason = "in hospital" }), "by");
        AssertProblem(HttpStatusCode.BadRequest, await _app.Post($"/api/journeys/{id}/resume", new { reason = "back" }), "by");
        using (var query = await _app.Keyed.PostAsync($"/api/journeys/{id}/terminate?reason=quashed", null))
            Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());

        var (status, _) = await _app.Post($"/api/journeys/{id}/terminate", new { reason = "sentence quashed on appeal", by = "spo-okafor" });
        Assert.Equal(HttpStatusCode.OK, status);
        var history = await _app.GetJsonAsync($"/api/journeys/{id}/history");
        var last = history.GetProperty("entries").EnumerateArray().Last();
        Assert.Equal("spo-okafor", last.GetProperty("event").GetProperty("by").GetString());
        Assert.Contains(last.GetProperty("facts").EnumerateArray(), f => f.Type() == "noted" && f.GetProperty("what").GetString()!.Contains("spo-okafor"));
        Assert.Equal("spo-okafor", history.GetProperty("controls").EnumerateArray().Last().GetProperty("by").GetString());
    }
}
