using System.Net;
using System.Text.Json;
using NodaTime;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;
using Xunit.Abstractions;
using static ShortSentences.App.Tests.StaffActions.StaffApi;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>
/// Issue 13's "done when", through the API alone on a running app over Azurite (its timer trigger firing every
/// second, the clock moved forward day by day): staff who do every task in time see a journey through to its end
/// with nothing overdue. (Each scenario that moves the clock has its own Azurite: the due index's cursor is shared
/// by every app on one storage account, and another test's clock running ahead would move it past this one's timers.)
/// </summary>
public sealed class StaffWorkTheCaseScenarioTests(AzuriteForClass storage, ITestOutputHelper output) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;
    private readonly TestClock _clock = new(Samples.Start);

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, _clock);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Staff_who_do_every_task_on_its_due_day_take_a_journey_from_sentence_to_its_end_with_nothing_overdue()
    {
        const string crn = "C300001", noms = "C3001AA", id = "J-C300001-S1";
        // Released today, on licence for three weeks (authoritative dates, as CRDS would send them after long remand):
        // short enough for the app's due index to walk every minute of it in a test.
        var sentence = System.Text.Json.Nodes.JsonNode.Parse(Samples.Sentence(crn, noms))!;
        sentence["dates"] = new System.Text.Json.Nodes.JsonObject { ["CRD"] = "2026-11-20", ["SLED"] = "2026-12-11" };
        using (var created = await _app.PostJsonAsync("/api/sentences", sentence.ToJsonString()))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var started = DateTime.UtcNow;
        var crd = Date((await _app.Journey(id)).GetProperty("keyDates").GetProperty("CRD").GetString()!);
        var released = false;
        var completions = 0;

        for (var round = 0; round < 200; round++)
        {
            var journey = await _app.Journey(id);
            if (journey.GetProperty("stage").GetString() == "Ended") break;
            var today = Today(_clock);
            // Everything due today is done today, by the COM: on time.
            foreach (var task in journey.OpenTasks().Where(t => t.Due() <= today).ToList())
            {
                var taskId = task.GetProperty("taskId").GetString()!;
                var (status, body) = await _app.Complete(id, taskId, today, "com-patel", "done on the day");
                Assert.True(status == HttpStatusCode.OK, $"completing {taskId} on {Iso(today)}: {(int)status} {body}");
                completions++;
            }
            // The prison releases the person on the release date (a domain event, as HMPPS would send it).
            if (!released && today >= crd)
            {
                var release = Samples.DomainEvent("12-domain-prisoner-released-sns.json", crn, noms,
                    Instant.FromDateTimeOffset(_clock.GetUtcNow()).Minus(Duration.FromMinutes(1)).ToString());
                var (status, body) = await _app.Post("/api/events", release);
                Assert.True(status == HttpStatusCode.Accepted && body.GetProperty("outcome").GetString() == "applied", $"release: {body}");
                released = true;
                continue; // the release opens the first appointment, due today
            }
            journey = await _app.Journey(id);
            var next = journey.OpenTasks().Select(t => t.Due()).Where(d => d > today).DefaultIfEmpty(LocalDate.MaxIsoValue).Min();
            if (!released && crd < next) next = crd;
            var sled = Date(journey.GetProperty("keyDates").GetProperty("SLED").GetString()!);
            if (next == LocalDate.MaxIsoValue || next > sled)
            {
                // Nothing more to do before the end of the licence: the journey ends by its own timer.
                _clock.MoveTo(sled.PlusDays(1));
                await RunningApp.EventuallyAsync(() => _app.Journey(id), j => j.GetProperty("stage").GetString() == "Ended", "the licence to end", 240);
                break;
            }
            _clock.MoveTo(next);
        }

        var end = await _app.Journey(id);
        output.WriteLine($"{completions} tasks completed; ended {end.GetProperty("status")} after {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        Assert.Equal("Ended", end.GetProperty("stage").GetString());
        Assert.Equal("Completed", end.GetProperty("status").GetString());
        var facts = await _app.Facts(id);
        var met = facts.Where(f => f.Fact.Type() == "deadline-met").ToList();
        Assert.True(completions >= 4, $"only {completions} tasks were done");
        Assert.All(met, m => Assert.False(m.Fact.GetProperty("late").GetBoolean(), $"late: {m.Fact}"));
        var chasing = facts.Where(f => f.Fact.Type() == "reminder-raised" && f.Fact.GetProperty("kind").GetString() is "Overdue" or "Escalation").ToList();
        Assert.True(chasing.Count == 0, "overdue reminders: " + string.Join("; ", chasing.Select(c => c.Fact.ToString())));
        foreach (var rule in new[] { "com-allocation-ssf", "first-appointment", "home-visit", "assessment-and-plan" })
            Assert.Contains(met, m => m.Fact.GetProperty("ruleId").GetString() == rule && m.EventType == "task-completed");
    }
}
