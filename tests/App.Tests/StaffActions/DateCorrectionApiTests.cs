using System.Net;
using System.Text.Json;
using ShortSentences.App.Tests.EndToEnd;
using Xunit;
using static ShortSentences.App.Tests.StaffActions.StaffApi;

namespace ShortSentences.App.Tests.StaffActions;

/// <summary>POST /api/journeys/{id}/dates: staff correct a journey's dates; it re-plans and records who and why.</summary>
public sealed class DateCorrectionApiTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
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
    public async Task A_corrected_CRD_and_SLED_are_the_journeys_dates_its_deadlines_are_replanned_and_the_history_says_who_and_why()
    {
        var id = await Sentenced("D400001", "D4001AA");
        var before = await _app.Journey(id);
        var oldCrd = Date(before.GetProperty("keyDates").GetProperty("CRD").GetString()!);
        var oldSled = Date(before.GetProperty("keyDates").GetProperty("SLED").GetString()!);
        var oldPlan = before.OpenTask("resettlement-plan").Due();
        var oldLicence = before.OpenTask("licence-approval").Due();
        var newCrd = oldCrd.PlusDays(21);
        var newSled = oldSled.PlusDays(14);

        var (status, body) = await _app.Post($"/api/journeys/{id}/dates", new
        {
            eventId = "crds-recalc-D400001-1",
            dates = new Dictionary<string, string> { ["CRD"] = Iso(newCrd), ["SLED"] = Iso(newSled) },
            reason = "remand days re-counted by the court",
            by = "spo-okafor",
        });

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var after = await _app.Journey(id);
        Assert.Equal(Iso(newCrd), after.GetProperty("keyDates").GetProperty("CRD").GetString());
        Assert.Equal(Iso(newSled), after.GetProperty("keyDates").GetProperty("SLED").GetString());
        Assert.True(after.OpenTask("resettlement-plan").Due() > oldPlan, "the resettlement plan follows the later release");
        Assert.True(after.OpenTask("licence-approval").Due() > oldLicence, "the licence approval follows the later release");

        var facts = await _app.Facts(id);
        var changed = Assert.Single(facts, f => f.EventType == "dates-corrected" && f.Fact.Type() == "dates-changed").Fact;
        Assert.Equal(Iso(oldCrd), changed.GetProperty("before").GetProperty("crd").GetString());
        Assert.Equal(Iso(newCrd), changed.GetProperty("after").GetProperty("crd").GetString());
        Assert.Equal(Iso(oldSled), changed.GetProperty("before").GetProperty("sled").GetString());
        Assert.Equal(Iso(newSled), changed.GetProperty("after").GetProperty("sled").GetString());
        Assert.Contains("remand days re-counted by the court", changed.GetProperty("reason").GetString());
        Assert.Contains("spo-okafor", changed.GetProperty("reason").GetString());
        Assert.Contains(facts, f => f.EventType == "dates-corrected" && f.Fact.Type() == "deadline-set"
                                    && f.Fact.GetProperty("deadline").GetProperty("ruleId").GetString() == "resettlement-plan");
    }

    [Fact]
    public async Task The_same_correction_event_again_changes_nothing()
    {
        var id = await Sentenced("D400002", "D4002AA");
        var crd = Date((await _app.Journey(id)).GetProperty("keyDates").GetProperty("CRD").GetString()!);
        var correction = new { eventId = "fix-1", dates = new Dictionary<string, string> { ["CRD"] = Iso(crd.PlusDays(7)) }, reason = "typo", by = "com-patel" };
        Assert.Equal(HttpStatusCode.OK, (await _app.Post($"/api/journeys/{id}/dates", correction)).Status);
        var size = (await _app.Journey(id)).GetProperty("historySize").GetInt64();

        var (status, again) = await _app.Post($"/api/journeys/{id}/dates", correction with { });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());
        Assert.Equal(Iso(crd.PlusDays(7)), (await _app.Journey(id)).GetProperty("keyDates").GetProperty("CRD").GetString());
    }

    [Fact]
    public async Task Dates_that_cannot_be_a_journeys_are_a_conflict_and_change_nothing()
    {
        var id = await Sentenced("D400003", "D4003AA");
        var before = await _app.Journey(id);
        var crd = Date(before.GetProperty("keyDates").GetProperty("CRD").GetString()!);
        var answer = await _app.Post($"/api/journeys/{id}/dates", new { eventId = "fix-2", dates = new Dictionary<string, string> { ["SLED"] = Iso(crd.PlusDays(-1)) }, reason = "x", by = "com-patel" });
        AssertProblem(HttpStatusCode.Conflict, answer);
        Assert.Contains("before the release date", answer.Body.GetProperty("detail").GetString());
        Assert.Equal(before.GetProperty("historySize").GetInt64(), (await _app.Journey(id)).GetProperty("historySize").GetInt64());
    }

    [Theory]
    [InlineData("""{"dates":{"CRD":"2027-01-04"},"reason":"r","by":"com-patel"}""", "eventId")]
    [InlineData("""{"eventId":"e1","reason":"r","by":"com-patel"}""", "dates")]
    [InlineData("""{"eventId":"e1","dates":{},"reason":"r","by":"com-patel"}""", "dates")]
    [InlineData("""{"eventId":"e1","dates":{"CRD":"2027-02-30"},"reason":"r","by":"com-patel"}""", "dates.CRD")]
    [InlineData("""{"eventId":"e1","dates":{"PED":"2027-01-04"},"reason":"r","by":"com-patel"}""", "dates.PED")]
    [InlineData("""{"eventId":"e1","dates":{"CRD":"2027-01-04"},"by":"com-patel"}""", "reason")]
    [InlineData("""{"eventId":"e1","dates":{"CRD":"2027-01-04"},"reason":"r"}""", "by")]
    [InlineData("""{"eventId":"e 1","dates":{"CRD":"2027-01-04"},"reason":"r","by":"com-patel"}""", "eventId")]
    public async Task A_malformed_correction_is_refused_naming_the_field(string body, string field)
    {
        var id = await Sentenced("D400004", "D4004AA");
        var size = (await _app.Journey(id)).GetProperty("historySize").GetInt64();
        AssertProblem(HttpStatusCode.BadRequest, await _app.Post($"/api/journeys/{id}/dates", body), field);
        Assert.Equal(size, (await _app.Journey(id)).GetProperty("historySize").GetInt64());
    }
}
