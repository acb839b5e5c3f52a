using System.Net;
using System.Text.Json;
using NodaTime;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;
using static ShortSentences.App.Tests.StaffActions.StaffApi;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>
/// Issue 13's second "done when", through the API on a running app over Azurite with its timer trigger: once staff
/// mark a task done its reminders stop, while a task left undone goes on being chased.
/// </summary>
public sealed class RemindersStopWhenDoneScenarioTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;
    private readonly TestClock _clock = new(Samples.Start);

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Once_a_task_is_marked_done_no_more_reminders_come_for_it_while_an_undone_one_goes_on_being_chased()
    {
        const string crn = "C300002", noms = "C3002AA", id = "J-C300002-S1";
        using (var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence(crn, noms)))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var received = Samples.DomainEvent("10-domain-prisoner-received.json", crn, noms, Instant.FromDateTimeOffset(_clock.GetUtcNow()).Minus(Duration.FromMinutes(1)).ToString());
        Assert.Equal(HttpStatusCode.Accepted, (await _app.Post("/api/events", received)).Status);
        var journey = await _app.Journey(id);
        var screening = journey.OpenTask("screening-part-1");
        var screeningId = screening.GetProperty("taskId").GetString()!;
        var allocationId = journey.OpenTask("com-allocation-ssf").GetProperty("taskId").GetString()!;
        var (status, body) = await _app.Complete(id, screeningId, Today(_clock), "com-patel", "BCST part 1 done at reception");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        int RaisedFor(List<(string EventType, JsonElement Fact)> facts, string taskId, params string[] kinds) =>
            facts.Count(f => f.Fact.Type() == "reminder-raised" && f.Fact.GetProperty("taskId").GetString() == taskId
                             && (kinds.Length == 0 || kinds.Contains(f.Fact.GetProperty("kind").GetString())));
        var raisedBefore = RaisedFor(await _app.Facts(id), screeningId);

        // The COM allocation is left undone: a week after its due date it has been chased, up to the SPO.
        _clock.MoveTo(screening.Due().PlusDays(7));
        await RunningApp.EventuallyAsync(async () => RaisedFor(await _app.Facts(id), allocationId, "Overdue"),
            n => n > 0, "the undone COM allocation to be chased", 120);

        var after = await _app.Facts(id);
        Assert.Equal(raisedBefore, RaisedFor(after, screeningId));
        Assert.Equal(0, RaisedFor(after, screeningId, "DueToday", "Overdue", "Escalation"));
        Assert.DoesNotContain(screeningId, (await _app.Journey(id)).OpenTasks().Select(t => t.GetProperty("taskId").GetString()));
    }
}
