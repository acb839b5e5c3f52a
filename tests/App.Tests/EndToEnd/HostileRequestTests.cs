using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>The app and one seeded journey, shared by the hostile-request cases.</summary>
public sealed class SeededApp : IAsyncLifetime
{
    public const string Crn = "C300001";
    public const string JourneyId = "J-C300001-S1";
    private readonly AzuriteForClass _storage = new();

    public RunningApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _storage.InitializeAsync();
        App = await RunningApp.StartAsync(_storage.Azurite, new TestClock(Samples.Start), timerSeconds: 3600);
        using var created = await App.PostJsonAsync("/api/sentences", Samples.Sentence(Crn, "C3001CC"));
        if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException("could not seed the journey");
        // The seeded sentence's reminders already due go out after its answer (queue, delivery, sent keys): the tests
        // compare storage before and after each request, so they start once it has come to rest.
        var last = "";
        for (var i = 0; i < 60; i++)
        {
            var now = await App.SnapshotAsync();
            if (now == last) break;
            last = now;
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _storage.DisposeAsync();
    }
}

/// <summary>
/// Malformed, oversized, unauthenticated and hostile requests: each gets the right 4xx as a problem document, never a
/// stack trace, and leaves every table and queue exactly as it was.
/// </summary>
public sealed class HostileRequestTests(SeededApp seeded) : IClassFixture<SeededApp>
{
    private RunningApp App => seeded.App;

    private sealed record Case(Func<HttpRequestMessage> Request, HttpStatusCode Status, string? BadField = null);

    private static string Sentence(Action<JsonObject> change)
    {
        var s = JsonNode.Parse(Samples.Sentence("C300099", "C3099CC"))!.AsObject();
        change(s);
        return s.ToJsonString();
    }

    private static HttpRequestMessage Post(string path, string body, string? key = RunningApp.Key, string contentType = "application/json")
    {
        var r = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (key is not null) r.Headers.Add("x-functions-key", key);
        return r;
    }

    private static HttpRequestMessage Get(string path, string? key = RunningApp.Key)
    {
        var r = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) r.Headers.Add("x-functions-key", key);
        return r;
    }

    private static readonly string Valid = Samples.Sentence("C300099", "C3099CC");
    private static readonly string Big = "{\"eventId\":\"" + new string('x', 300 * 1024) + "\"}";

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["sentence without a key"] = new(() => Post("/api/sentences", Valid, key: null), HttpStatusCode.Unauthorized),
        ["sentence with a wrong key"] = new(() => Post("/api/sentences", Valid, key: "guess"), HttpStatusCode.Unauthorized),
        ["sentence with a wrong code parameter"] = new(() => Post("/api/sentences?code=guess", Valid, key: null), HttpStatusCode.Unauthorized),
        ["domain event without a key"] = new(() => Post("/api/events", Samples.DomainEvent("11-domain-com-allocated.json", SeededApp.Crn, "C3001CC"), key: null), HttpStatusCode.Unauthorized),
        ["terminate without a key"] = new(() => Post($"/api/journeys/{SeededApp.JourneyId}/terminate", """{"reason":"x"}""", key: null), HttpStatusCode.Unauthorized),
        ["journey read without a key"] = new(() => Get($"/api/journeys/{SeededApp.JourneyId}", key: null), HttpStatusCode.Unauthorized),
        ["body over 256 KB"] = new(() => Post("/api/sentences", Big), HttpStatusCode.RequestEntityTooLarge),
        ["chunked body over 256 KB"] = new(() =>
        {
            var r = new HttpRequestMessage(HttpMethod.Post, "/api/sentences") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Big))) };
            r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            r.Headers.TransferEncodingChunked = true;
            r.Headers.Add("x-functions-key", RunningApp.Key);
            return r;
        }, HttpStatusCode.RequestEntityTooLarge),
        ["not JSON"] = new(() => Post("/api/sentences", "{\"eventId\": "), HttpStatusCode.BadRequest, "body"),
        ["JSON nested ten thousand deep"] = new(() => Post("/api/sentences", new string('[', 10_000) + new string(']', 10_000)), HttpStatusCode.BadRequest, "body"),
        ["wrong types"] = new(() => Post("/api/sentences", Sentence(s => { s["sentence"]!["remandDays"] = "12"; s["person"]!["sex"] = 1; })), HttpStatusCode.BadRequest, "sentence.remandDays"),
        ["date 0000-00-00"] = new(() => Post("/api/sentences", Sentence(s => s["sentence"]!["sentenceDate"] = "0000-00-00")), HttpStatusCode.BadRequest, "sentence.sentenceDate"),
        ["CRN with a quote and an OData operator"] = new(() => Post("/api/sentences", Sentence(s => s["person"]!["crn"] = "C300001' or PartitionKey ne '")), HttpStatusCode.BadRequest, "person.crn"),
        ["event id with a path"] = new(() => Post("/api/sentences", Sentence(s => s["eventId"] = "../../journeys")), HttpStatusCode.BadRequest, "eventId"),
        ["person under 18"] = new(() => Post("/api/sentences", Sentence(s => s["person"]!["dateOfBirth"] = "2010-01-01")), HttpStatusCode.BadRequest, "person.dateOfBirth"),
        ["control character in a name"] = new(() => Post("/api/sentences", Sentence(s => s["pdu"] = "Durham\u0000")), HttpStatusCode.BadRequest, "pdu"),
        ["text/plain body"] = new(() => Post("/api/sentences", Valid, contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType),
        ["journey id with OData operators"] = new(() => Get("/api/journeys/J-C300001-S1'%20or%20PartitionKey%20ne%20'"), HttpStatusCode.BadRequest, "id"),
        ["history of a hostile journey id"] = new(() => Get("/api/journeys/x'%20or%20'1'%20eq%20'1/history"), HttpStatusCode.BadRequest, "id"),
        ["person CRN with OData operators"] = new(() => Get("/api/people/C300001'%20or%20'a'%20eq%20'a"), HttpStatusCode.BadRequest, "crn"),
        ["query CRN with OData operators"] = new(() => Get("/api/journeys?crn=C300001'%20or%20'1'%20eq%20'1"), HttpStatusCode.BadRequest, "crn"),
        ["query PDU closing the literal"] = new(() => Get("/api/journeys?pdu=x'%20or%20Kind%20ne%20'"), HttpStatusCode.BadRequest, "pdu"),
        ["query overdue not a boolean"] = new(() => Get("/api/journeys?overdue=maybe"), HttpStatusCode.BadRequest, "overdue"),
        ["query unknown stage"] = new(() => Get("/api/journeys?stage=Paroled"), HttpStatusCode.BadRequest, "stage"),
        ["query page size zero"] = new(() => Get("/api/journeys?pageSize=0"), HttpStatusCode.BadRequest, "pageSize"),
        ["query forged continuation token"] = new(() => Get("/api/journeys?continuationToken=Zm9v"), HttpStatusCode.BadRequest, "continuationToken"),
        ["unknown journey"] = new(() => Get("/api/journeys/J-Z999999-S1"), HttpStatusCode.NotFound),
        ["unknown journey's history"] = new(() => Get("/api/journeys/J-Z999999-S1/history"), HttpStatusCode.NotFound),
        ["terminate an unknown journey"] = new(() => Post("/api/journeys/J-Z999999-S1/terminate", """{"reason":"test","by":"spo-okafor"}"""), HttpStatusCode.NotFound),
        ["terminate without a reason"] = new(() => Post($"/api/journeys/{SeededApp.JourneyId}/terminate", ""), HttpStatusCode.BadRequest, "reason"),
        ["terminate with a reason of the wrong type"] = new(() => Post($"/api/journeys/{SeededApp.JourneyId}/terminate", """{"reason":42}"""), HttpStatusCode.BadRequest, "reason"),
        ["terminate with an overlong reason"] = new(() => Post($"/api/journeys/{SeededApp.JourneyId}/terminate", JsonSerializer.Serialize(new { reason = new string('r', 501) })), HttpStatusCode.BadRequest, "reason"),
        ["domain event with a hostile NOMS number"] = new(() => Post("/api/events", Samples.DomainEvent("10-domain-prisoner-received.json", SeededApp.Crn, "C3001CC' or 'a' eq 'a")), HttpStatusCode.BadRequest),
        ["domain event dated 0000-00-00"] = new(() => Post("/api/events", Samples.DomainEvent("10-domain-prisoner-received.json", SeededApp.Crn, "C3001CC", "0000-00-00")), HttpStatusCode.BadRequest, "occurredAt"),
        ["wrong method"] = new(() => new HttpRequestMessage(HttpMethod.Delete, $"/api/journeys/{SeededApp.JourneyId}"), HttpStatusCode.MethodNotAllowed),
        ["unknown API path"] = new(() => Get("/api/admin"), HttpStatusCode.NotFound),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_bad_request_gets_its_4xx_problem_and_changes_nothing(string name)
    {
        var @case = Cases[name];
        var before = await StateAsync();
        using var request = @case.Request();
        using var response = await App.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(@case.Status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)@case.Status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("   at ", body);
        if (@case.BadField is { } field) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} is not named in {body}");
        Assert.Equal(before, await StateAsync());
    }

    private Task<string> StateAsync() => App.SnapshotAsync();
}
