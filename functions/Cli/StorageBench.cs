using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Runtime;
using ShortSentences.Runtime.Local;
using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;
using ShortSentences.Storage;
using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;

namespace ShortSentences.Cli;

/// <summary>
/// `./journeys bench [storage]`: the durable runtime against its own Azurite. Measures, in one run, the storage limit
/// (entity-group transactions per second, shaped like a step), events per second through the event worker with 1, 2
/// and 4 workers, and how late timers fire. Prints one JSON object.
/// Options: --journeys N (default 200), --events-per-journey N (default 5), --timers N (default 200),
/// --backlog N (default 256: most events waiting in the queue while they arrive).
/// </summary>
public static class StorageBench
{
    private const int Parallelism = 16;
    private const int DrainLimit = 1000;
    private static readonly int[] WorkerCounts = [1, 2, 4];

    public static int Run(string[] args)
    {
        try
        {
            var journeys = BenchOptions.Positive(args, "--journeys", 200);
            var perJourney = BenchOptions.Positive(args, "--events-per-journey", 5);
            var timers = BenchOptions.Positive(args, "--timers", 200);
            var backlog = BenchOptions.Positive(args, "--backlog", 256);
            var result = RunAsync(journeys, perJourney, timers, backlog).GetAwaiter().GetResult();
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"journeys bench storage: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or ShortSentences.Storage.StorageRequestException)
        {
            Console.Error.WriteLine($"journeys bench storage: {e.Message}");
            return 1;
        }
    }

    private static async Task<JsonObject> RunAsync(int journeys, int perJourney, int timers, int backlog)
    {
        var total = Stopwatch.StartNew();
        var root = AzuriteProcess.RepositoryRoot(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "node_modules"))
            ? Environment.CurrentDirectory : AppContext.BaseDirectory);
        await using var azurite = await AzuriteProcess.Start(root, inMemory: true, default);
        var tables = new StorageTablesAdapter(new TableServiceClient(azurite.Account));
        var queues = new StorageQueuesAdapter(new QueueServiceClient(azurite.Account));

        // The limit is taken at the most concurrency any worker run uses, so no run gets more than the raw measure had.
        // Both paths are run once unmeasured first, so neither figure includes the JIT warming up (in .NET or in
        // Azurite's Node): otherwise whichever ran first would pay for it.
        await RawBatchWrites(tables, Parallelism * WorkerCounts.Max(), TimeSpan.FromSeconds(2));
        await EventThroughput.Measure(tables, queues, 1, Math.Min(journeys, 200), perJourney, Parallelism, backlog);
        var raw = await RawBatchWrites(tables, Parallelism * WorkerCounts.Max(), TimeSpan.FromSeconds(8));
        Console.Error.WriteLine($"raw batch writes: {raw:F1}/s");
        var perWorkers = new JsonObject();
        var ratios = new JsonObject();
        var receives = new JsonObject();
        var events = 0;
        foreach (var workers in WorkerCounts)
        {
            var run = await EventThroughput.Measure(tables, queues, workers, journeys, perJourney, Parallelism, backlog);
            events += run.Events;
            Console.Error.WriteLine($"{workers} worker(s): {run.PerSecond:F1} events/s");
            var key = workers.ToString(CultureInfo.InvariantCulture);
            perWorkers[key] = Math.Round(run.PerSecond, 1);
            ratios[key] = Math.Round(run.PerSecond / raw, 3);
            receives[key] = run.ReceiveCalls;
        }
        // Events queued all at once before one worker starts. At most 1,000: Azurite rebuilds its message indexes on
        // every queue operation, so each costs more the more messages it holds (Azure Storage's queues do not).
        var drainJourneys = Math.Min(journeys, Math.Max(1, DrainLimit / perJourney));
        var drain = await EventThroughput.Measure(tables, queues, 1, drainJourneys, perJourney, Parallelism, backlog: null);
        events += drain.Events;
        Console.Error.WriteLine($"backlog drain, 1 worker: {drain.PerSecond:F1} events/s");
        var (p50, p99, fired) = await TimerLateness(tables, queues, timers);
        return new JsonObject
        {
            ["rawBatchWritesPerSecond"] = Math.Round(raw, 1),
            ["eventsPerSecond"] = perWorkers,
            ["ratioToRaw"] = ratios,
            ["eventReceiveCalls"] = receives,
            ["backlogDrain"] = new JsonObject
            {
                ["events"] = drain.Events,
                ["eventsPerSecond"] = new JsonObject { ["1"] = Math.Round(drain.PerSecond, 1) },
                ["ratioToRaw"] = new JsonObject { ["1"] = Math.Round(drain.PerSecond / raw, 3) },
            },
            ["timerLatenessMs"] = new JsonObject { ["p50"] = p50, ["p99"] = p99, ["set"] = timers, ["fired"] = fired },
            ["journeys"] = journeys * WorkerCounts.Length + drainJourneys + timers,
            ["events"] = events,
            ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
            ["notes"] = $"Azurite (in memory) on this machine, started by the benchmark; {Parallelism} steps in flight per " +
                        $"event worker, {Parallelism * WorkerCounts.Max()} concurrent transactions for the raw writes; raw = 3-entity transactions (state, history, inbox) into distinct partitions; " +
                        $"events = counting journey through queue -> step -> delete, arriving during the run with at most {backlog} " +
                        "in the queue (backlogDrain: all queued first); both measures follow an " +
                        "unmeasured warm-up run (not counted in journeys or events); timers due 1-3 s ahead, timer step every 100 ms",
        };
    }

    /// <summary>The storage limit: step-shaped transactions (3 entities, one partition each) as fast as they go.</summary>
    private static async Task<double> RawBatchWrites(IRuntimeTables tables, int concurrency, TimeSpan duration)
    {
        var table = "rawbench" + Guid.NewGuid().ToString("N")[..8];
        await tables.EnsureTable(table, default);
        var done = 0;
        var clock = Stopwatch.StartNew();
        var payload = new string('x', 300);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var pk = $"w{worker}-{i}";
                await tables.Submit(table,
                [
                    TableOperation.Insert(new StoredEntity(pk, "state", new Dictionary<string, object?> { ["State"] = payload, ["Sequence"] = 1L })),
                    TableOperation.Insert(new StoredEntity(pk, "h-0000000001", new Dictionary<string, object?> { ["Event"] = payload, ["Facts"] = payload })),
                    TableOperation.Insert(new StoredEntity(pk, "i-e" + i, new Dictionary<string, object?> { ["Sequence"] = 1L })),
                ], default);
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double P50, double P99, int Fired)> TimerLateness(IRuntimeTables tables, IRuntimeQueues queues, int timers)
    {
        var runtime = EventThroughput.CountingRuntime(tables, "tm" + Guid.NewGuid().ToString("N")[..8]);
        var options = runtime.Options;
        await RuntimeWorkers<CountingState, CountingEvent, CountingFact>.EnsureStorage(runtime, tables, queues, default);
        var codec = new CountingCodec();
        var lateness = new List<double>();
        var unfired = new List<Instant>();
        var dispatcher = new OutboxDispatcher(tables, queues, options, TimeProvider.System);
        var worker = new TimerWorker<CountingState, CountingEvent, CountingFact>(runtime, dispatcher, TimeProvider.System, Parallelism)
        {
            Fired = (due, at) => { lock (lateness) { lateness.Add((at - due).TotalMilliseconds); unfired.Remove(due); } },
        };
        using var stop = new CancellationTokenSource();
        var timerStep = worker.Run(TimeSpan.FromMilliseconds(100), stop.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, timers), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (j, ct) =>
        {
            async Task Deliver(string id, string type, JsonObject body)
            {
                using var doc = JsonDocument.Parse(body.ToJsonString());
                await runtime.Deliver($"T-{j}", id, type, doc.RootElement, codec.ParseEvent(type, doc.RootElement).Event!, ct);
            }
            await Deliver($"o{j}", "Open", new JsonObject { ["crn"] = $"X{j}" });
            // Due a second or so after it is set, so the measure is the firing, not how long the setting-up took.
            var due = SystemClock.Instance.GetCurrentInstant() + Duration.FromMilliseconds(1000 + 2000.0 * j / timers);
            lock (lateness) unfired.Add(due);
            await Deliver($"t{j}", "Arm", new JsonObject
            {
                ["crn"] = $"X{j}", ["timerId"] = "t", ["dueAt"] = InstantPattern.ExtendedIso.Format(due),
            });
        });
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (lateness) if (lateness.Count >= timers) break;
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) break;
            await Task.Delay(100);
        }
        stop.Cancel();
        await timerStep;
        // A timer that never fired is at least as late as the wait given up on: it counts, rather than vanishing.
        var fired = lateness.Count;
        var givenUp = SystemClock.Instance.GetCurrentInstant();
        var sorted = lateness.Concat(unfired.Select(due => (givenUp - due).TotalMilliseconds)).Order().ToList();
        if (fired == 0) throw new InvalidOperationException("no timer fired within 60 s");
        double At(double q) => Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)], 0);
        return (At(0.50), At(0.99), fired);
    }
}
