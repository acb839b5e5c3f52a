using System.Net;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// A sentence is started once, whatever the timing: of two different events for one sentence sent at the same moment
/// exactly one starts the journey (201) and the other is refused (409), and stays refused when sent again; of many
/// copies of one event sent at once, one starts it and the rest are recognised as duplicates (200).
/// </summary>
public sealed class ConcurrentSentenceTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>
{
    [Fact]
    public async Task Of_two_different_events_for_one_sentence_sent_at_once_one_starts_the_journey_and_the_other_is_refused_every_time()
    {
        await using var app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start), timerSeconds: 3600);
        for (var pair = 0; pair < 10; pair++)
        {
            var crn = $"R4000{pair:D2}";
            var first = Samples.Sentence(crn, $"R40{pair:D2}RR", eventId: $"court-{crn}-a");
            var second = Samples.Sentence(crn, $"R40{pair:D2}RR", eventId: $"court-{crn}-b");
            var answers = await Task.WhenAll(app.PostJsonAsync("/api/sentences", first), app.PostJsonAsync("/api/sentences", second));
            var statuses = answers.Select(a => a.StatusCode).ToList();
            foreach (var a in answers) a.Dispose();
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], statuses.OrderBy(s => (int)s));

            var refused = statuses[0] == HttpStatusCode.Conflict ? first : second;
            var winner = statuses[0] == HttpStatusCode.Conflict ? second : first;
            using var again = await app.PostJsonAsync("/api/sentences", refused);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            using var winnerAgain = await app.PostJsonAsync("/api/sentences", winner);
            Assert.Equal(HttpStatusCode.OK, winnerAgain.StatusCode);
        }
    }

    [Fact]
    public async Task Of_fifty_copies_of_one_sentence_event_sent_at_once_one_starts_the_journey_and_the_rest_are_duplicates()
    {
        await using var app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Samples.Start), timerSeconds: 3600);
        var sentence = Samples.Sentence("R500001", "R5001RR");
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => app.PostJsonAsync("/api/sentences", sentence)));
        var statuses = answers.Select(a => (int)a.StatusCode).ToList();
        foreach (var a in answers) a.Dispose();
        Assert.Equal(1, statuses.Count(s => s == 201));
        Assert.Equal(49, statuses.Count(s => s == 200));

        var history = (await app.GetJsonAsync("/api/journeys/J-R500001-S1/history")).GetProperty("entries");
        Assert.Equal(1, history.EnumerateArray().Count(e => e.GetProperty("eventType").GetString() == "sentence-recorded"));
    }
}
