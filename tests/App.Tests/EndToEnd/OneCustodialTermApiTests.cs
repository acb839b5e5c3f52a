using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// Issue 12, finding 5, through the HTTP API: a sentence consecutive to (or concurrent with) one still being served in
/// custody joins that journey, whose dates become the overall dates; one passed while the person is on licence starts
/// its own journey and the licence keeps its dates. <c>GET /api/people/{crn}</c> shows each journey with its sentences.
/// </summary>
public sealed class OneCustodialTermApiTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start), timerSeconds: 3600);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>3 months from 20 November 2026 (sample 03's second sentence), without supplied dates unless asked.</summary>
    private static string Second(string crn, string noms, string? consecutiveTo = null, string? concurrentWith = null, string? eventId = null)
    {
        var s = JsonNode.Parse(Samples.Sentence(crn, noms, sentenceId: "S2", eventId: eventId))!.AsObject();
        s["occurredAt"] = "2026-11-20T09:00:00Z";
        s["sentence"]!["sentenceDate"] = "2026-11-20";
        s["sentence"]!["offenceDate"] = "2026-10-30";
        s["sentence"]!["length"] = new JsonObject { ["months"] = 3 };
        s["sentence"]!["remandDays"] = 0;
        s["sentence"]!["consecutiveTo"] = consecutiveTo is null ? new JsonArray() : new JsonArray(consecutiveTo);
        s["sentence"]!["concurrentWith"] = concurrentWith is null ? new JsonArray() : new JsonArray(concurrentWith);
        return s.ToJsonString();
    }

    private static async Task<JsonElement> Body(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    private static List<string?> Ids(JsonElement journeys) => journeys.EnumerateArray().Select(j => j.GetProperty("journeyId").GetString()).Order().ToList();

    [Fact]
    public async Task A_consecutive_sentence_joins_the_journey_in_custody_the_answer_names_it_and_a_release_reaches_that_one_journey()
    {
        using (var first = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("T100001", "T1001TT")))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var joined = await _app.PostJsonAsync("/api/sentences", Second("T100001", "T1001TT", consecutiveTo: "S1"));
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var body = await Body(joined);
        Assert.Equal("J-T100001-S1", body.GetProperty("journeyId").GetString());
        Assert.True(body.GetProperty("joined").GetBoolean());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        // 6 months from 16 November (12 days on remand) and 3 months after it, as one 9-month term; on its own the second
        // sentence would have ended on 19 February 2027, before the first (3 May 2027).
        Assert.Equal("2027-02-02", body.GetProperty("keyDates").GetProperty("CRD").GetString());
        Assert.Equal("2027-08-03", body.GetProperty("keyDates").GetProperty("SLED").GetString());
        using (var separate = await _app.Keyed.GetAsync("/api/journeys/J-T100001-S2"))
            Assert.Equal(HttpStatusCode.NotFound, separate.StatusCode);

        var person = await _app.GetJsonAsync("/api/people/T100001");
        var journey = Assert.Single(person.GetProperty("journeys").EnumerateArray());
        var sentences = journey.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(["S1", "S2"], sentences.Select(s => s.GetProperty("sentenceId").GetString()));
        Assert.Equal(["S1"], sentences[1].GetProperty("consecutiveTo").EnumerateArray().Select(x => x.GetString()));

        // The history says which sentence moved which date, and why.
        var history = (await _app.GetJsonAsync("/api/journeys/J-T100001-S1/history")).GetProperty("entries").EnumerateArray().ToList();
        var added = Assert.Single(history, e => e.GetProperty("eventType").GetString() == "sentence-added");
        var changed = Assert.Single(added.GetProperty("facts").EnumerateArray(), f => f.GetProperty("type").GetString() == "dates-changed");
        Assert.Equal("S2", changed.GetProperty("sentenceId").GetString());
        Assert.Contains("SLED Monday 3 May 2027 to Tuesday 3 August 2027", changed.GetProperty("reason").GetString());

        // The same event again changes nothing; another event for the same sentence is a conflict.
        using (var again = await _app.PostJsonAsync("/api/sentences", Second("T100001", "T1001TT", consecutiveTo: "S1")))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.True((await Body(again)).GetProperty("duplicate").GetBoolean());
        }
        using (var other = await _app.PostJsonAsync("/api/sentences", Second("T100001", "T1001TT", consecutiveTo: "S1", eventId: "another-court-event")))
            Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        // The prison's release reaches the one journey, which goes on licence to the term's SLED.
        using var released = await _app.PostJsonAsync("/api/events", Samples.DomainEvent("12-domain-prisoner-released-sns.json", "T100001", "T1001TT"));
        var outcome = await Body(released);
        Assert.Equal("applied", outcome.GetProperty("outcome").GetString());
        Assert.Equal(["J-T100001-S1"], outcome.GetProperty("journeyIds").EnumerateArray().Select(x => x.GetString()));
        var after = (await _app.GetJsonAsync("/api/journeys/J-T100001-S1")).GetProperty("journey");
        Assert.Equal("Licence", after.GetProperty("stage").GetString());
        Assert.Equal("2027-08-03", after.GetProperty("keyDates").GetProperty("SLED").GetString());
    }

    [Fact]
    public async Task A_sentence_passed_while_on_licence_starts_its_own_journey_and_the_licence_keeps_its_dates()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("T100002", "T1002TT"))).Dispose();
        (await _app.PostJsonAsync("/api/events", Samples.DomainEvent("12-domain-prisoner-released-sns.json", "T100002", "T1002TT"))).Dispose();
        var licence = (await _app.GetJsonAsync("/api/journeys/J-T100002-S1")).GetProperty("journey");
        Assert.Equal("Licence", licence.GetProperty("stage").GetString());
        var sled = licence.GetProperty("keyDates").GetProperty("SLED").GetString();

        using var second = await _app.PostJsonAsync("/api/sentences", Second("T100002", "T1002TT", concurrentWith: "S1"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var body = await Body(second);
        Assert.Equal("J-T100002-S2", body.GetProperty("journeyId").GetString());
        Assert.False(body.GetProperty("joined").GetBoolean());

        var first = (await _app.GetJsonAsync("/api/journeys/J-T100002-S1")).GetProperty("journey");
        Assert.Equal("Licence", first.GetProperty("stage").GetString());
        Assert.Equal(sled, first.GetProperty("keyDates").GetProperty("SLED").GetString());
        Assert.Contains(first.GetProperty("openTasks").EnumerateArray(), t => t.GetProperty("ruleId").GetString() == "concurrent-sentence-review");

        var person = await _app.GetJsonAsync("/api/people/T100002");
        var journeys = person.GetProperty("journeys");
        Assert.Equal(["J-T100002-S1", "J-T100002-S2"], Ids(journeys));
        Assert.All(journeys.EnumerateArray(), j => Assert.Equal(
            [j.GetProperty("sentenceId").GetString()],
            j.GetProperty("sentences").EnumerateArray().Select(s => s.GetProperty("sentenceId").GetString())));
    }

    [Fact]
    public async Task A_sentence_naming_one_the_person_has_no_journey_for_is_refused_naming_the_field_and_changes_nothing()
    {
        (await _app.PostJsonAsync("/api/sentences", Samples.Sentence("T100003", "T1003TT"))).Dispose();
        var before = (await _app.GetJsonAsync("/api/journeys/J-T100003-S1")).GetProperty("journey").GetProperty("historySize").GetInt64();

        using var refused = await _app.PostJsonAsync("/api/sentences", Second("T100003", "T1003TT", consecutiveTo: "S9"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = (await Body(refused)).GetProperty("errors");
        Assert.Contains("S9", errors.GetProperty("sentence.consecutiveTo")[0].GetString());

        using (var none = await _app.Keyed.GetAsync("/api/journeys/J-T100003-S2"))
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal(before, (await _app.GetJsonAsync("/api/journeys/J-T100003-S1")).GetProperty("journey").GetProperty("historySize").GetInt64());
    }
}
