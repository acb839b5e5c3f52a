using System.Net;
using System.Text.Json;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// Issue 12, findings 4 and 7: <c>POST /api/events</c> tells the sender what the journey did with the event; an event
/// dated before the journey's sentence is refused with a problem naming the field and changes nothing.
/// </summary>
public sealed class HonestEventAnswerTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task StartJourney(string crn, string noms)
    {
        using var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence(crn, noms));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> Post(string json)
    {
        using var response = await _app.PostJsonAsync("/api/events", json);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<List<string?>> EventTypes(string journeyId) =>
        (await _app.GetJsonAsync($"/api/journeys/{journeyId}/history")).GetProperty("entries").EnumerateArray()
            .Select(h => h.GetProperty("eventType").GetString()).ToList();

    [Fact]
    public async Task A_second_release_the_journey_rejects_is_answered_rejected_with_the_journeys_reason()
    {
        await StartJourney("H120001", "H1201AA");
        var first = await Post(Samples.DomainEvent("12-domain-prisoner-released-sns.json", "H120001", "H1201AA", "2026-11-20T09:00:00Z"));
        Assert.Equal("applied", first.Body.GetProperty("outcome").GetString());

        var again = await Post(Samples.DomainEvent("12-domain-prisoner-released-sns.json", "H120001", "H1201AA", "2026-11-20T09:30:00Z"));
        Assert.Equal(HttpStatusCode.Accepted, again.Status);
        Assert.Equal("rejected", again.Body.GetProperty("outcome").GetString());
        Assert.Contains("already released", again.Body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_release_dated_before_the_sentence_is_refused_naming_occurredAt_and_the_journey_records_nothing()
    {
        await StartJourney("H120002", "H1202AA");
        var before = await EventTypes("J-H120002-S1");

        var refused = await Post(Samples.DomainEvent("12-domain-prisoner-released-sns.json", "H120002", "H1202AA", "2026-11-10T09:00:00Z"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.True(refused.Body.GetProperty("errors").TryGetProperty("occurredAt", out var why), refused.Body.ToString());
        Assert.Contains("before the sentence", why[0].GetString());

        Assert.Equal(before, await EventTypes("J-H120002-S1"));
        var journey = (await _app.GetJsonAsync("/api/journeys/J-H120002-S1")).GetProperty("journey");
        Assert.NotEqual("Licence", journey.GetProperty("stage").GetString());
    }
}
