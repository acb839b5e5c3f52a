using System.Net;
using System.Text.Json;
using ShortSentences.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// Azurite itself is SIGKILLed under a stream of sentence events and started again on its data folder: it comes back
/// without its last seconds of writes, acknowledged or not (a local emulator's failure Azure Storage does not have),
/// while the app keeps running with what it remembers. Whatever was lost, sending every event again is the upstream
/// system's recovery, and it must work: never a 500, and every answer agrees with the journey that then exists
/// (its dates, one start, the person's listing, an early event it had parked applied once).
/// </summary>
public sealed class StorageCrashTests(ITestOutputHelper output)
{
    private const int Events = 200, Senders = 6;

    [Fact]
    public async Task After_storage_is_killed_and_restarted_sending_every_event_again_never_fails_and_agrees_with_the_journeys()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_SEED"), out var s) ? s : 15;
        var killAt = new Random(seed).Next(60, Events - 60);

        await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: false);
        await using var app = new AppProcess(azurite.ConnectionString);
        await app.StartAsync();

        var stream = new SentenceStream('Z', Events);
        // Every fifth person's prison reception arrives before their sentence: it is parked, then applied at the start.
        var early = stream.Events.Where(e => e.Index % 5 == 0).ToList();
        foreach (var e in early)
        {
            using var parked = await app.PostJsonAsync("/api/events", Reception(e));
            Assert.Equal("parked", await OutcomeAsync(parked));
        }
        // Azurite saves every 5 s: let the parked events reach its disk, so what the crash loses is the stream's.
        await Task.Delay(TimeSpan.FromSeconds(6));

        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var sending = stream.RunAsync(app.Client, Senders, cancel.Token);
        while (stream.Acknowledged < killAt && !sending.IsCompleted) await Task.Delay(5);
        var acknowledgedAtCrash = stream.Acknowledged;
        await azurite.CrashAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await azurite.StartAsync();
        try { await sending; }
        catch (OperationCanceledException)
        {
            var waiting = stream.Events.Where(e => !stream.IsAcknowledged(e.Index)).Select(e => e.JourneyId).ToList();
            output.WriteLine($"after the restart {waiting.Count} events were never acknowledged in 10 minutes: {string.Join(", ", waiting.Take(20))}");
            output.WriteLine(app.Tail(300));
            throw;
        }

        // The upstream system's recovery: every event again. Each answer is a start or a duplicate of this event's journey.
        var answers = new List<(StreamedSentence Event, int Status, string Body)>();
        foreach (var e in stream.Events)
        {
            using var again = await app.PostJsonAsync("/api/sentences", e.Json);
            answers.Add((e, (int)again.StatusCode, await again.Content.ReadAsStringAsync()));
        }
        var receptions = new List<(StreamedSentence Event, int Status, string Outcome)>();
        foreach (var e in early)
        {
            using var again = await app.PostJsonAsync("/api/events", Reception(e));
            receptions.Add((e, (int)again.StatusCode, await OutcomeAsync(again)));
        }
        var check = await SentenceStream.CheckAsync(app, stream.Events);
        var receivedTwiceOrNever = new List<string>();
        foreach (var e in early)
        {
            using var response = await app.Client.GetAsync($"/api/journeys/{e.JourneyId}/history");
            var received = !response.IsSuccessStatusCode ? 0
                : JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").EnumerateArray()
                    .Count(h => h.GetProperty("eventType").GetString() == "received-into-custody");
            if (received != 1) receivedTwiceOrNever.Add($"{e.JourneyId}: received {received} times");
        }

        var restarted = answers.Count(a => a.Status == 201);
        output.WriteLine($"storage crash test (seed {seed}): {Events} sentence events and {early.Count} early receptions; Azurite SIGKILLed at " +
                         $"{acknowledgedAtCrash} acknowledged; stream saw {stream.ServerErrors.Count(e => e.Status == 503)} 503 and " +
                         $"{stream.ServerErrors.Count(e => e.Status != 503)} other 5xx while storage was down or coming back; " +
                         $"re-post of all {Events}: {restarted} started again (lost by Azurite), {answers.Count(a => a.Status == 200)} duplicates, " +
                         $"{answers.Count(a => a.Status >= 500)} 5xx; then {check.Lost.Count} missing, {check.Duplicated.Count} duplicated, " +
                         $"{check.WrongDates.Count} with other dates, {receivedTwiceOrNever.Count} early events not applied exactly once");
        foreach (var a in answers.Where(a => a.Status is not (200 or 201)).Take(5)) output.WriteLine($"  {a.Event.JourneyId}: {a.Status} {a.Body}");
        // For a failed run: what each journey that answered unexpectedly recorded, entry by entry.
        var odd = answers.Where(a => a.Status is not (200 or 201)).Select(a => a.Event.JourneyId)
            .Concat(receptions.Where(r => r is not { Status: 202, Outcome: "duplicate" }).Select(r => r.Event.JourneyId))
            .Concat(stream.ClientErrors.Select(c => System.Text.RegularExpressions.Regex.Match(c.Body, @"journey (J-[A-Z0-9]+-S\d+)").Groups[1].Value).Where(id => id.Length > 0))
            .Concat(check.Duplicated.Concat(check.Lost).Concat(check.WrongDates).Concat(receivedTwiceOrNever).Select(line => line.Split(':')[0]))
            .Distinct().Take(5);
        foreach (var id in odd)
        {
            using var history = await app.Client.GetAsync($"/api/journeys/{id}/history");
            output.WriteLine($"  history of {id}: {(int)history.StatusCode} {await history.Content.ReadAsStringAsync()}");
        }
        if (odd.Any()) output.WriteLine(app.Tail(150));
        foreach (var e in stream.ServerErrors.Where(e => e.Status != 503).Take(5)) output.WriteLine($"  stream {e.Status} {e.Body}");
        foreach (var e in stream.ClientErrors.Take(5)) output.WriteLine($"  stream {e.Status} {e.Body}");
        if (answers.Any(a => a.Status >= 500) || stream.ServerErrors.Any(e => e.Status != 503)) output.WriteLine(app.Tail(80));

        Assert.Empty(stream.ClientErrors);
        // While storage is down the answer is 503 (try again); nothing else, ever.
        Assert.All(stream.ServerErrors, e => Assert.Equal(503, e.Status));
        Assert.All(answers, a => Assert.True(a.Status is 200 or 201, $"{a.Event.JourneyId}: {a.Status} {a.Body}"));
        Assert.All(answers, a => Assert.Equal(a.Event.JourneyId, JsonDocument.Parse(a.Body).RootElement.GetProperty("journeyId").GetString()));
        // Taken again: a duplicate, or applied where storage lost the journey's inbox row of it; either way the journey
        // has it exactly once (receivedTwiceOrNever below).
        Assert.All(receptions, r => Assert.True(r is { Status: 202, Outcome: "duplicate" or "applied" }, $"{r.Event.JourneyId}: {r.Status} {r.Outcome}"));
        Assert.Empty(check.Lost);
        Assert.Empty(check.Duplicated);
        Assert.Empty(check.WrongDates);
        Assert.Empty(receivedTwiceOrNever);
    }

    private static string Reception(StreamedSentence e) =>
        Samples.DomainEvent("10-domain-prisoner-received.json", e.Crn, e.Noms, "2026-11-17T09:00:00Z");

    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.Accepted
            ? JsonDocument.Parse(body).RootElement.GetProperty("outcome").GetString()!
            : $"{(int)response.StatusCode} {body}";
    }
}
