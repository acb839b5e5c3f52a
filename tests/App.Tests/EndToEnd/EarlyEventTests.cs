using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Journeys;
using ShortSentences.App.Journeys.Durable;
using ShortSentences.Journeys.Events;
using Azure.Data.Tables;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// Events that come before the sentence they belong to (DOMAIN.md section 4) are kept for the person and applied when
/// the journey starts: the app on Azurite, driven over HTTP.
/// </summary>
public sealed class EarlyEventTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;

    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> PostEvent(string json)
    {
        using var response = await _app.PostJsonAsync("/api/events", json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task StartJourney(string crn, string noms)
    {
        using var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence(crn, noms));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<List<JsonElement>> History(string journeyId) =>
        (await _app.GetJsonAsync($"/api/journeys/{journeyId}/history")).GetProperty("entries").EnumerateArray().ToList();

    private async Task<int> ParkedRows(string partitionKey)
    {
        var table = _app.Services.GetRequiredService<TableServiceClient>().GetTableClient(ParkedPersonEvents.TableName);
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"))) n++;
        return n;
    }

    [Fact]
    public async Task A_COM_allocated_before_the_sentence_is_parked_and_the_journey_starts_with_its_COM()
    {
        var parked = await PostEvent(Samples.DomainEvent("11-domain-com-allocated.json", "P200001", "P2001AA"));
        Assert.Equal("parked", parked.GetProperty("outcome").GetString());
        Assert.Empty(parked.GetProperty("journeyIds").EnumerateArray());
        Assert.Equal(1, await ParkedRows("CRN-P200001"));

        await StartJourney("P200001", "P2001AA");

        var journey = (await _app.GetJsonAsync("/api/journeys/J-P200001-S1")).GetProperty("journey");
        Assert.Equal("Priya Patel", journey.GetProperty("com").GetString());
        var allocation = Assert.Single(await History("J-P200001-S1"), h => h.GetProperty("eventType").GetString() == "com-allocated");
        Assert.Equal(parked.GetProperty("eventId").GetString(), allocation.GetProperty("eventId").GetString());
        Assert.Equal(0, await ParkedRows("CRN-P200001"));
    }

    [Fact]
    public async Task The_same_early_event_delivered_twice_is_kept_once_and_applied_once()
    {
        var allocated = Samples.DomainEvent("11-domain-com-allocated.json", "P200002", "P2002AA");
        Assert.Equal("parked", (await PostEvent(allocated)).GetProperty("outcome").GetString());
        Assert.Equal("parked", (await PostEvent(allocated)).GetProperty("outcome").GetString());
        Assert.Equal(1, await ParkedRows("CRN-P200002"));

        await StartJourney("P200002", "P2002AA");

        Assert.Single(await History("J-P200002-S1"), h => h.GetProperty("eventType").GetString() == "com-allocated");
        Assert.Equal(0, await ParkedRows("CRN-P200002"));
        // Once the journey exists the same event is recognised as already applied.
        Assert.Equal("duplicate", (await PostEvent(allocated)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_prison_reception_naming_only_the_NOMS_number_reaches_the_journey_started_for_that_prisoner()
    {
        var received = await PostEvent(Samples.DomainEvent("10-domain-prisoner-received.json", "P200003", "P2003AA"));
        Assert.Equal("parked", received.GetProperty("outcome").GetString());
        Assert.Equal(1, await ParkedRows("NOMS-P2003AA"));
        Assert.Equal(0, await ParkedRows("CRN-P200003"));

        await StartJourney("P200003", "P2003AA");

        var reception = Assert.Single(await History("J-P200003-S1"), h => h.GetProperty("eventType").GetString() == "received-into-custody");
        Assert.Equal(received.GetProperty("eventId").GetString(), reception.GetProperty("eventId").GetString());
        Assert.Equal(0, await ParkedRows("NOMS-P2003AA"));
    }

    [Fact]
    public async Task An_early_event_naming_both_numbers_is_applied_once_and_in_the_order_the_events_happened()
    {
        // The allocation names the CRN and the NOMS number, so it is parked under both; the reception came earlier.
        var allocation = Samples.DomainEvent("11-domain-com-allocated.json", "P200004", "P2004AA")
            .Replace("""{"type":"crn","value":"P200004"}""", """{"type":"crn","value":"P200004"},{"type":"NOMS","value":"P2004AA"}""");
        Assert.Equal("parked", (await PostEvent(allocation)).GetProperty("outcome").GetString());
        Assert.Equal("parked", (await PostEvent(Samples.DomainEvent("10-domain-prisoner-received.json", "P200004", "P2004AA"))).GetProperty("outcome").GetString());
        Assert.Equal(1, await ParkedRows("CRN-P200004"));
        Assert.Equal(2, await ParkedRows("NOMS-P2004AA"));

        await StartJourney("P200004", "P2004AA");

        var kinds = (await History("J-P200004-S1")).Select(h => h.GetProperty("eventType").GetString()).ToList();
        Assert.Equal(["sentence-recorded", "received-into-custody", "com-allocated"], kinds.Where(k => k is "sentence-recorded" or "received-into-custody" or "com-allocated"));
        Assert.Equal(0, await ParkedRows("CRN-P200004") + await ParkedRows("NOMS-P2004AA"));
    }

    [Fact]
    public async Task An_event_naming_no_one_cannot_be_kept_for_anyone_and_says_so()
    {
        var anonymous = """
            {"eventType":"person.community.manager.allocated","version":1,"occurredAt":"2026-11-18T09:30:00Z",
             "additionalInformation":{"staffName":"Priya Patel"}}
            """;
        var outcome = await PostEvent(anonymous);
        Assert.Equal("no-matching-journey", outcome.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_sentence_whose_journey_took_an_event_for_the_person_before_it_is_the_one_that_started_the_journey()
    {
        // The journey's inbox can hold an event before its sentence (storage that lost the sentence's first write in a
        // crash): the journey decides it first and parks it, and the sentence, when it comes, still starts the journey.
        var journeys = await _app.Services.GetRequiredService<IJourneyEngine>().ClientAsync(CancellationToken.None);
        var journeyId = JourneyId.For("P200031", "S1");
        await journeys.SubmitAsync(journeyId, new ComAllocated("Sam Jones") { EventId = "early-com-P200031", Crn = "P200031", SentenceId = "S1" },
            CancellationToken.None);

        using var created = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("P200031", "P2031AA"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var again = await _app.PostJsonAsync("/api/sentences", Samples.Sentence("P200031", "P2031AA"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var history = await History(journeyId);
        Assert.Equal(["early-com-P200031", "court-P200031-S1"], history.Select(h => h.GetProperty("eventId").GetString()).Take(2));
    }
}
