using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ShortSentences.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// The app process started (as `./journeys run` starts it) while its storage is down: it answers, with 503 and
/// Retry-After, logs the outage once however many requests, polls and timer ticks fail, and once storage is back it
/// recovers by itself (tables and queues created) and says so once.
/// </summary>
public sealed class StorageDownAtStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_app_started_with_storage_down_answers_503_logs_the_outage_once_and_recovers_by_itself_when_storage_returns()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: false);
        await azurite.StopAsync();
        // The deadlines timer every second and the queues polled every 100 ms: many failures for one outage.
        await using var app = new AppProcess(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["Journeys__TimerIntervalSeconds"] = "1",
            ["Journeys__QueuePollMilliseconds"] = "100",
        });
        await app.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            using var refused = await app.PostJsonAsync("/api/sentences", Samples.Sentence("D300001", "D3001DD"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        await azurite.StartAsync();
        var back = Stopwatch.StartNew();
        HttpStatusCode status;
        var tries = 0;
        do
        {
            await Task.Delay(250);
            using var answer = await app.PostJsonAsync("/api/sentences", Samples.Sentence("D300001", "D3001DD"));
            status = answer.StatusCode;
            tries++;
        } while (status == HttpStatusCode.ServiceUnavailable && back.Elapsed < TimeSpan.FromSeconds(90));
        var recoveredAfter = back.Elapsed;
        Assert.Equal(HttpStatusCode.Created, status);
        using (var journey = await app.Client.GetAsync("/api/journeys/J-D300001-S1")) Assert.Equal(HttpStatusCode.OK, journey.StatusCode);
        // A few more timer ticks and polls with storage up, then a clean stop, so the log is complete.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await app.StopAsync();

        var log = app.Log;
        var down = Regex.Matches(log, "Storage is not answering").Count;
        var up = Regex.Matches(log, "Storage is answering again").Count;
        var failures = Regex.Matches(log, @"^fail: ", RegexOptions.Multiline).Count;
        var perTick = Regex.Matches(log, "DueDeadlines failed|DueDeadlines could not run|polling .* failed").Count;
        output.WriteLine($"storage down at start: 3 × 503 with Retry-After; recovered {recoveredAfter.TotalSeconds:0.0} s after Azurite started " +
                         $"({tries} tries); log: {down} outage line, {up} recovery line, {failures} errors, {perTick} per-tick warnings");
        Assert.True(down == 1 && up == 1 && failures == 0 && perTick == 0, app.Tail(80));
    }
}
