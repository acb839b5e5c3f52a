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

    [Fact]
    public async Task Journeys_end_as_in_a_run_without_failures_when_workers_are_killed_and_storage_restarts()
    {
        var clock = Stopwatch.StartNew();
        await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: false);
        var h = new RuntimeHarness(azurite.Account, TimeProvider.System);
        await RuntimeWorkers<CountingState, CountingEvent, CountingFact>.EnsureStorage(h.Runtime, h.Tables, h.Queues, default);

        var script = FaultScript.Journeys(Journeys, Seed);
        var reference = new ReferenceRun();
        var workers = Enumerable.Range(0, WorkerCount).Select(_ => new WorkerProcess(azurite.ConnectionString, h.Options.Prefix)).ToList();
        workers.ForEach(w => w.Start());
        using var stopChaos = new CancellationTokenSource();
        var kills = 0;
        // One worker at a time is killed, at a random moment 2-6 s into its life, and started again at once.
        var chaos = Task.Run(async () =>
        {
            var random = new Random(Seed);
            while (!stopChaos.IsCancellationRequested)
            {
                var victim = workers[random.Next(workers.Count)];
                var lifetime = TimeSpan.FromMilliseconds(random.Next(2000, 6000));
                while (!stopChaos.IsCancellationRequested && !(victim.ReadyAt is { } ready && DateTime.UtcNow - ready >= lifetime))
                    try { await Task.Delay(50, stopChaos.Token); } catch (OperationCanceledException) { return; }
                if (stopChaos.IsCancellationRequested) return;
                victim.Kill();
                Interlocked.Increment(ref kills);
                victim.Start();
            }
        });
        var messages = 0;
        var restarted = false;
        try
        {
            foreach (var (text, _) in FaultScript.BadMessages) await h.Queues.Send(h.Options.EventsQueue, text, default);
            await RunSteps(h, script, reference, async stepsDone =>
            {
                if (restarted || stepsDone < Journeys * FaultScript.Steps / 2) return;
                restarted = true;
                await azurite.RestartAsync();
                output.WriteLine($"azurite restarted at {clock.Elapsed.TotalSeconds:F1}s with {stepsDone} steps done, kills so far {kills}");
            }, n => messages += n);
            output.WriteLine($"all steps applied at {clock.Elapsed.TotalSeconds:F1}s, kills so far {kills}");
            await WaitUntil(async () => await h.Queues.ApproximateCount(h.Options.EventsQueue, default) == 0, "the events queue empties");
            var expectedKeys = reference.ReminderKeys.Count;
            await WaitUntil(async () => (await h.Sink.Sent(default)).Count >= expectedKeys, "every reminder is sent");
            // A worker killed between enqueuing a reminder and deleting its outbox row leaves the row to the sweep
            // (after OutboxDispatcher.SweepAfter), which enqueues it again; the end is when that has happened too.
            await WaitUntil(async () => await OutboxesEmpty(h, reference.States.Keys), "every outbox is drained");
            await WaitUntil(async () => await h.Queues.ApproximateCount(h.Options.RemindersQueue, default) == 0, "the reminders queue empties");
        }
        finally
        {
            stopChaos.Cancel();
            await chaos;
            workers.ForEach(w => w.Dispose());
        }
        Assert.True(restarted, "Azurite was not restarted");

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
        var unique = script.SelectMany(j => j).SelectMany(step => step).DistinctBy(m => m.EventId).Count();
        output.WriteLine($"{Journeys} journeys, {unique} events ({messages} messages with duplicates, " +
                         $"{reference.TimersFired} timers fired, {reference.ReminderKeys.Count} reminders), {kills} SIGKILLs, " +
                         $"1 Azurite restart, {letters.Count} dead letters for {distinct.Count} bad messages, {clock.Elapsed.TotalSeconds:F0}s");
        Assert.True(unique >= 2000, $"only {unique} events");
    }

    /// <summary>
    /// Sends each journey's steps in order, the next one as soon as the journey shows the previous one applied (all its
    /// events in the history and its due timers fired, or the event parked). Fails if nothing moves for two minutes.
    /// </summary>
    private static async Task RunSteps(RuntimeHarness h, IReadOnlyList<IReadOnlyList<IReadOnlyList<ScriptedMessage>>> script,
        ReferenceRun reference, Func<int, Task> afterPoll, Action<int> sent)
    {
        var next = new int[script.Count];
        var expected = new (long Sequence, long Parked)?[script.Count];
        var lastProgress = Stopwatch.StartNew();
        var done = 0;
        var scanError = "";
        while (true)
        {
            Dictionary<string, StoredEntity> rows;
            try
            {
                rows = (await h.Tables.ScanRowKey(h.Options.JourneysTable, JourneyKeys.StateRow, default))
                    .ToDictionary(r => JourneyKeys.Unescape(r.PartitionKey));
            }
            catch (Exception e) when (e is not OperationCanceledException) { rows = []; scanError = e.Message; } // storage restarting
            var toSend = new List<ScriptedMessage>();
            for (var j = 0; j < script.Count; j++)
            {
                var id = $"J-{j:D4}";
                // A started journey has applied everything parked; one not started yet has parked all it was sent.
                bool Applied((long Sequence, long Parked) e) => e == (0, 0) || rows.TryGetValue(id, out var r) && (e.Sequence > 0
                    ? r.Long("Sequence") == e.Sequence && r.Long("ParkedApplied") == r.Long("ParkedNext")
                    : r.Long("ParkedNext") == e.Parked);
                while (next[j] < script[j].Count && (expected[j] is not { } e || Applied(e)))
                {
                    if (expected[j] is not null) { done++; lastProgress.Restart(); }
                    var step = script[j][next[j]++];
                    expected[j] = reference.Apply(id, step, SystemClock.Instance.GetCurrentInstant());
                    toSend.AddRange(step);
                    if (step.Count > 0) break;
                }
                if (next[j] == script[j].Count && expected[j] is { } last && Applied(last))
                {
                    expected[j] = null;
                    done++;
                    next[j]++;
                }
            }
            if (next.All(n => n > script[0].Count)) return;
            await Parallel.ForEachAsync(toSend, new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (m, ct) => await h.Queues.Send(h.Options.EventsQueue, m.Text, ct));
            sent(toSend.Count);
            if (lastProgress.Elapsed > TimeSpan.FromMinutes(2))
            {
                var stuck = Enumerable.Range(0, script.Count).First(j => next[j] <= script[j].Count);
                var dead = await h.Queues.Peek(h.Options.EventsDeadQueue, 32, default);
                var pk = JourneyKeys.Escape($"J-{stuck:D4}");
                var partition = await h.Tables.QueryRange(h.Options.JourneysTable, pk, "", "~", default);
                throw new TimeoutException($"no journey advanced for 2 minutes; e.g. J-{stuck:D4} at step {next[stuck]} expects " +
                    $"rows [{string.Join(", ", partition.Select(p => p.RowKey))}], step {string.Join(",", script[stuck][next[stuck] - 1].Select(m => m.Text))}; " +
                    $"{expected[stuck]}, has {(rows.TryGetValue($"J-{stuck:D4}", out var r) ? $"sequence {r.Long("Sequence")}" : "no row")}; " +
                    $"last scan error: {scanError}; dead letters: {string.Join(" | ", dead.Select(d => d[..Math.Min(300, d.Length)]))}");
            }
            await afterPoll(done);
            await Task.Delay(500);
        }
    }

    private static async Task<bool> OutboxesEmpty(RuntimeHarness h, IEnumerable<string> journeyIds)
    {
        foreach (var id in journeyIds)
            if ((await h.Tables.QueryRange(h.Options.JourneysTable, JourneyKeys.Escape(id), JourneyKeys.OutboxFrom, JourneyKeys.OutboxTo, default)).Count > 0)
                return false;
        return true;
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
