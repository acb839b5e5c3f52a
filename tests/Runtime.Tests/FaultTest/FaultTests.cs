using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;
using ShortSentences.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ShortSentences.Runtime.Tests.FaultTest;

/// <summary>
/// Worker processes killed with SIGKILL at random moments and restarted, Azurite restarted once, duplicates, early
/// events and bad messages: the journeys must end exactly where an in-memory run of the same script ends.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private const int Journeys = 200;
    private const int WorkerCount = 3;
    private const int Seed = 20260302;
    private static readonly TimeSpan WaveTimeout = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Journeys_end_as_in_a_run_without_failures_when_workers_are_killed_and_storage_restarts()
    {
        var clock = Stopwatch.StartNew();
        await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: false);
        var h = new RuntimeHarness(azurite.Account, TimeProvider.System);
        await RuntimeWorkers<CountingState, CountingEvent, CountingFact>.EnsureStorage(h.Runtime, h.Tables, h.Queues, default);

        var waves = FaultScript.Waves(Journeys, Seed);
        var reference = new ReferenceRun();
        var workers = Enumerable.Range(0, WorkerCount).Select(_ => new WorkerProcess(azurite.ConnectionString, h.Options.Prefix)).ToList();
        workers.ForEach(w => w.Start());
        using var stopChaos = new CancellationTokenSource();
        var kills = 0;
        // One worker at a time is killed, at a random moment 1.5-4 s into its life, and started again at once.
        var chaos = Task.Run(async () =>
        {
            var random = new Random(Seed);
            while (!stopChaos.IsCancellationRequested)
            {
                var victim = workers[random.Next(workers.Count)];
                var lifetime = TimeSpan.FromMilliseconds(random.Next(1500, 4000));
                while (!stopChaos.IsCancellationRequested && !(victim.ReadyAt is { } ready && DateTime.UtcNow - ready >= lifetime))
                    try { await Task.Delay(50, stopChaos.Token); } catch (OperationCanceledException) { return; }
                if (stopChaos.IsCancellationRequested) return;
                victim.Kill();
                Interlocked.Increment(ref kills);
                victim.Start();
            }
        });
        var messages = 0;
        try
        {
            for (var i = 0; i < waves.Count; i++)
            {
                foreach (var m in waves[i]) await h.Queues.Send(h.Options.EventsQueue, m.Text, default);
                messages += waves[i].Count;
                if (i == 4)
                    foreach (var (text, _) in FaultScript.BadMessages) await h.Queues.Send(h.Options.EventsQueue, text, default);
                var expected = reference.Apply(waves[i], SystemClock.Instance.GetCurrentInstant());
                if (i == waves.Count / 2)
                {
                    await Task.Delay(300);
                    await azurite.RestartAsync();
                    output.WriteLine($"azurite restarted during wave {i} at {clock.Elapsed.TotalSeconds:F1}s");
                }
                await WaitForWave(h, expected, i);
                output.WriteLine($"wave {i}: {waves[i].Count} messages applied at {clock.Elapsed.TotalSeconds:F1}s, kills so far {kills}");
            }
            await WaitUntil(async () => await h.Queues.ApproximateCount(h.Options.EventsQueue, default) == 0, "the events queue empties");
            var expectedKeys = reference.ReminderKeys.Order(StringComparer.Ordinal).ToList();
            await WaitUntil(async () => (await h.Sink.Sent(default)).Count >= expectedKeys.Count, "every reminder is sent");
            await WaitUntil(async () => await h.Queues.ApproximateCount(h.Options.RemindersQueue, default) == 0, "the reminders queue empties");
        }
        finally
        {
            stopChaos.Cancel();
            await chaos;
            workers.ForEach(w => w.Dispose());
        }

        // Final states and histories equal the reference.
        Assert.Equal(Journeys, reference.States.Count);
        foreach (var (id, state) in reference.States)
        {
            var stored = await h.Runtime.Load(id, default);
            Assert.Equal(h.Codec.EncodeState(state), h.Codec.EncodeState(stored.State!));
            var history = (await h.Runtime.History(id, default))
                .Select(e => new ReferenceEntry(e.EventId, e.EventType, e.EventJson, e.Facts.Select(h.Codec.EncodeFact).ToList()))
                .ToList();
            Assert.Equal(reference.Histories[id].Count, history.Count);
            for (var k = 0; k < history.Count; k++)
            {
                Assert.Equal(reference.Histories[id][k] with { Facts = [] }, history[k] with { Facts = [] });
                Assert.Equal(reference.Histories[id][k].Facts, history[k].Facts);
            }
            var outbox = await h.Tables.QueryRange(h.Options.JourneysTable, JourneyKeys.Escape(id), JourneyKeys.OutboxFrom, JourneyKeys.OutboxTo, default);
            Assert.Empty(outbox);
        }

        // Every reminder sent exactly once: one sink row per expected key, and no other.
        Assert.Equal(reference.ReminderKeys.Count, reference.ReminderKeys.Distinct().Count());
        var sent = (await h.Sink.Sent(default)).Select(r => r.IdempotencyKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(reference.ReminderKeys.Order(StringComparer.Ordinal), sent);

        // Nothing left in the queues but the intended dead letters (a kill between the dead-letter send and the delete
        // can file one twice, so they are compared by original message id).
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.EventsQueue, default));
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.RemindersQueue, default));
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.RemindersDeadQueue, default));
        var letters = new List<JsonElement>();
        while (await h.Queues.Receive(h.Options.EventsDeadQueue, 32, TimeSpan.FromMinutes(5), default) is { Count: > 0 } batch)
            letters.AddRange(batch.Select(b => JsonDocument.Parse(b.Text).RootElement.Clone()));
        var distinct = letters.DistinctBy(l => l.GetProperty("messageId").GetString()).ToList();
        Assert.Equal(FaultScript.BadMessages.Count, distinct.Count);
        foreach (var (_, reason) in FaultScript.BadMessages)
            Assert.Contains(distinct, l => l.GetProperty("reason").GetString()!.Contains(reason, StringComparison.Ordinal));

        Assert.True(kills >= 5, $"only {kills} workers were killed");
        var unique = waves.SelectMany(w => w).DistinctBy(m => m.EventId).Count();
        output.WriteLine($"{Journeys} journeys, {unique} events ({messages} messages with duplicates, " +
                         $"{reference.TimersFired} timers fired, {reference.ReminderKeys.Count} reminders), {kills} SIGKILLs, " +
                         $"1 Azurite restart, {letters.Count} dead letters for {distinct.Count} bad messages, {clock.Elapsed.TotalSeconds:F0}s");
        Assert.True(unique >= 2000, $"only {unique} events");
    }

    private static async Task WaitForWave(RuntimeHarness h, Dictionary<string, (long Sequence, long Parked)> expected, int wave)
    {
        var deadline = Stopwatch.StartNew();
        var lagging = "";
        while (deadline.Elapsed < WaveTimeout)
        {
            try
            {
                var rows = (await h.Tables.ScanRowKey(h.Options.JourneysTable, JourneyKeys.StateRow, default))
                    .ToDictionary(r => Uri.UnescapeDataString(r.PartitionKey));
                // A started journey has applied everything parked; one not started yet has parked all it was sent.
                bool Done(string id, (long Sequence, long Parked) e) => rows.TryGetValue(id, out var r) && (e.Sequence > 0
                    ? r.Long("Sequence") == e.Sequence && r.Long("ParkedApplied") == r.Long("ParkedNext")
                    : r.Long("ParkedNext") == e.Parked);
                var behind = expected.Where(e => !Done(e.Key, e.Value)).ToList();
                if (behind.Count == 0) return;
                var first = rows.GetValueOrDefault(behind[0].Key);
                lagging = $"{behind.Count} journeys behind, e.g. {behind[0].Key} expected {behind[0].Value}, has " +
                          (first is null ? "nothing" : $"sequence {first.Long("Sequence")}, parked {first.Long("ParkedNext")}");
            }
            catch (Exception e) when (e is not OperationCanceledException) { lagging = e.Message; } // storage restarting
            await Task.Delay(250);
        }
        throw new TimeoutException($"wave {wave} was not applied within {WaveTimeout}: {lagging}");
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (await condition()) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"waited 90 s for: {what}");
    }
}
