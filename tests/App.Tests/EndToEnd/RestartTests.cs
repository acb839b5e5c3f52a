using System.Net;
using System.Text.Json;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>Everything a journey knows lives in storage: stopping the app mid-journey and starting a new one loses nothing.</summary>
public sealed class RestartTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>
{
    // The sentence arrives four days after it was passed, so its COM allocation reminders are already due: they fire
    // with the sentence (timer entries in the history), and the list compared below is of the events posted.
    [Fact]
    public async Task A_journey_started_before_the_app_restarts_carries_on_after_it_with_nothing_lost()
    {
        var clock = new TestClock(Samples.Start);
        long historyBefore;
        string stageBefore;
        await using (var app = await RunningApp.StartAsync(storage.Azurite, clock, timerSeconds: 3600))
        {
            (await app.PostJsonAsync("/api/sentences", Samples.Sentence("B200001", "B2001BB"))).Dispose();
            (await app.PostJsonAsync("/api/events", Samples.DomainEvent("10-domain-prisoner-received.json", "B200001", "B2001BB", "2026-11-20T09:00:00Z"))).Dispose();
            (await app.PostJsonAsync("/api/events", Samples.DomainEvent("11-domain-com-allocated.json", "B200001", "B2001BB", "2026-11-20T09:30:00Z"))).Dispose();
            var journey = (await app.GetJsonAsync("/api/journeys/J-B200001-S1")).GetProperty("journey");
            historyBefore = journey.GetProperty("historySize").GetInt64();
            stageBefore = journey.GetProperty("stage").GetString()!;
        }

        await using (var app = await RunningApp.StartAsync(storage.Azurite, clock, timerSeconds: 3600))
        {
            var journey = (await app.GetJsonAsync("/api/journeys/J-B200001-S1")).GetProperty("journey");
            Assert.Equal(historyBefore, journey.GetProperty("historySize").GetInt64());
            Assert.Equal(stageBefore, journey.GetProperty("stage").GetString());
            Assert.Equal("Priya Patel", journey.GetProperty("com").GetString());
            Assert.Single((await app.GetJsonAsync("/api/people/B200001")).GetProperty("journeys").EnumerateArray());

            // The same events again are recognised after the restart, and the journey moves on with new ones.
            using var repeat = await app.PostJsonAsync("/api/events", Samples.DomainEvent("11-domain-com-allocated.json", "B200001", "B2001BB", "2026-11-20T09:30:00Z"));
            Assert.Equal("duplicate", JsonDocument.Parse(await repeat.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString());
            using var released = await app.PostJsonAsync("/api/events", Samples.DomainEvent("12-domain-prisoner-released-sns.json", "B200001", "B2001BB", "2026-11-20T09:55:00Z"));
            Assert.Equal(HttpStatusCode.Accepted, released.StatusCode);
            var after = (await app.GetJsonAsync("/api/journeys/J-B200001-S1")).GetProperty("journey");
            Assert.True(after.GetProperty("historySize").GetInt64() > historyBefore);

            var types = (await app.GetJsonAsync("/api/journeys/J-B200001-S1/history")).GetProperty("entries").EnumerateArray()
                .Select(e => e.GetProperty("eventType").GetString()).Where(t => t != "timer-due").ToList();
            Assert.Equal(["sentence-recorded", "received-into-custody", "com-allocated", "released"], types);
        }
    }
}
