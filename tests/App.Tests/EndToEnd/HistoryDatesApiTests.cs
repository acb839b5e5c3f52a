using System.Text.Json;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>Issue 12, finding 9, in the API: each history entry gives the day its event happened first, and when it was recorded.</summary>
public sealed class HistoryDatesApiTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>
{
    [Fact]
    public async Task The_history_gives_each_entry_the_day_its_event_happened_first_and_the_time_it_was_recorded_beside_it()
    {
        await using var app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start), timerSeconds: 3600);
        // The sentence was passed on 16 November; the COM was allocated on 18 November; both reach the app on 20 November.
        (await app.PostJsonAsync("/api/sentences", Samples.Sentence("H100001", "H1001HH"))).Dispose();
        (await app.PostJsonAsync("/api/events", Samples.DomainEvent("11-domain-com-allocated.json", "H100001", "H1001HH"))).Dispose();

        var entries = (await app.GetJsonAsync("/api/journeys/J-H100001-S1/history")).GetProperty("entries").EnumerateArray().ToList();
        var sentence = entries.Single(e => e.GetProperty("eventType").GetString() == "sentence-recorded");
        var allocated = entries.Single(e => e.GetProperty("eventType").GetString() == "com-allocated");
        Assert.Equal("2026-11-16", sentence.GetProperty("occurredOn").GetString());
        Assert.Equal("2026-11-18", allocated.GetProperty("occurredOn").GetString());
        Assert.StartsWith("2026-11-20", allocated.GetProperty("recordedAt").GetString());
        Assert.All(entries, e => Assert.Equal("occurredOn", e.EnumerateObject().First().Name));
        // Each fact the allocation caused carries its day as well.
        Assert.All(allocated.GetProperty("facts").EnumerateArray(), f => Assert.Equal("2026-11-18", f.GetProperty("occurredOn").GetString()));
    }
}
