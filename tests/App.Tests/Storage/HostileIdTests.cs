using System.Text.Json;
using NodaTime;
using ShortSentences.App.Api;
using ShortSentences.App.Events;
using ShortSentences.App.Journeys;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.App.Tests.Storage;

/// <summary>
/// Ids from outside (a CRN or NOMS number in a URL or an event, a stage or PDU in a query string, a journey id) reach
/// the app's tables only as quoted query values or escaped keys: on real Azurite, a hostile one finds nothing, and
/// in particular never another person's rows. (The API validates these formats first; this is the layer under it.)
/// </summary>
public sealed class HostileIdTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>Quotes that would close the literal, OData that would widen it, and characters keys may not hold.</summary>
    public static TheoryData<string> Hostile => new()
    {
        "X000001'", "X000001' or 'a' eq 'a", "' or PartitionKey ne '", "X000001' or PartitionKey gt '",
        "X000001'); DROP", "X000001%27 or %27a%27 eq %27a", "X000001/..", "X000001#", "X000001?x=1", "X000001\\", "*", "",
    };

    private static readonly LocalDate Today = new(2026, 11, 20);

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_CRN_or_NOMS_finds_no_parked_events_of_anyone(string id)
    {
        var parked = new ParkedPersonEvents(await azurite.NewTableAsync("parked"));
        await parked.ParkAsync(Parked("X000001", "A0001AA", "e-1"), default);
        await parked.ParkAsync(Parked("X000002", "A0002AA", "e-2"), default);

        Assert.Empty(await parked.ForPersonAsync(id, id, default));
        Assert.Equal(["e-1"], (await parked.ForPersonAsync("X000001", null, default)).Select(e => e.EventId));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_CRN_NOMS_or_filter_value_finds_no_journey_in_the_index(string id)
    {
        var index = new JourneyIndex(await azurite.NewTableAsync("index"));
        await index.PutAsync(View("J-X000001-S1", "X000001", "A0001AA"), null, default);
        await index.PutAsync(View("J-X000002-S1", "X000002", "A0002AA"), null, default);

        Assert.Empty(await index.ForCrnAsync(id, Today, default));
        Assert.Empty(await index.JourneyIdsForNomsAsync(id, default));
        Assert.Empty((await index.QueryAsync(new JourneyQuery(id, null, null, null, null, null, 50), Today, default)).Journeys);
        Assert.Empty((await index.QueryAsync(new JourneyQuery(null, id, null, null, null, null, 50), Today, default)).Journeys);
        Assert.Empty((await index.QueryAsync(new JourneyQuery(null, null, id, null, null, null, 50), Today, default)).Journeys);
        Assert.Empty((await index.QueryAsync(new JourneyQuery(null, null, null, id, null, null, 50), Today, default)).Journeys);
        Assert.Equal(2, (await index.QueryAsync(new JourneyQuery(null, null, null, null, null, null, 50), Today, default)).Journeys.Count);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_journey_id_finds_no_control_records_of_other_journeys(string id)
    {
        var controls = new ControlLog(await azurite.NewTableAsync("controls"));
        await controls.AddAsync("J-X000001-S1", new ControlRecord("control-suspend-1", "Suspend", "recall review", "2026-11-20T09:00:00Z", "recorded"), default);

        Assert.Empty(await controls.ForAsync(id.Length == 0 ? "J-" : "J-X000001-S1" + id, default));
        Assert.Single(await controls.ForAsync("J-X000001-S1", default));
    }

    [Fact]
    public async Task Parked_events_of_people_whose_numbers_differ_only_where_keys_are_escaped_stay_apart()
    {
        var parked = new ParkedPersonEvents(await azurite.NewTableAsync("parked"));
        // "/" is escaped as ~002F: a literal "~002F" must not meet it, nor "%2F" (which Azure can decode twice).
        foreach (var (crn, id) in new[] { ("X/1", "e-slash"), ("X~002F1", "e-tilde"), ("X%2F1", "e-percent"), ("X'1", "e-quote") })
            await parked.ParkAsync(Parked(crn, null, id), default);

        foreach (var (crn, id) in new[] { ("X/1", "e-slash"), ("X~002F1", "e-tilde"), ("X%2F1", "e-percent"), ("X'1", "e-quote") })
            Assert.Equal([id], (await parked.ForPersonAsync(crn, null, default)).Select(e => e.EventId));
    }

    [Fact]
    public async Task An_event_with_characters_keys_may_not_hold_is_parked_read_back_and_removed()
    {
        var parked = new ParkedPersonEvents(await azurite.NewTableAsync("parked"));
        var e = Parked("X000003", "A0003AA", "upstream/id#7?x='1'%20~");

        await parked.ParkAsync(e, default);
        Assert.Equal([e.EventId], (await parked.ForPersonAsync("X000003", "A0003AA", default)).Select(p => p.EventId));
        await parked.RemoveAsync(e, default);
        await parked.RemoveAsync(e, default); // already gone under both numbers: nothing to do, no failure

        Assert.Empty(await parked.ForPersonAsync("X000003", "A0003AA", default));
    }

    private static DomainEvent Parked(string crn, string? noms, string eventId) =>
        new("person.community.manager.allocated", 1, Instant.FromUtc(2026, 11, 20, 9, 0), null, null,
            JsonDocument.Parse("""{"staffName":"Priya Patel"}""").RootElement.Clone(), crn, noms, eventId);

    private static JourneyView View(string journeyId, string crn, string noms) =>
        new(journeyId, crn, noms, "S1", "InCustody", JourneyStatus.Running, "Priya Patel", "LDN-LEW", "London",
            new Dictionary<string, string>(), [], 1, false);
}
