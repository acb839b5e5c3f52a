using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Rules;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;
using ShortSentences.DurableHost.Local;

namespace ShortSentences.Cli.Durable;

/// <summary>
/// `./journeys bench [durable]`: the journeys' engine (the local durable host over the Azure Storage provider) on its
/// own in-memory Azurite, all in one run: the raw limit of the storage (entity-group transactions per second), the
/// floor the engine gives (<see cref="BareLoop"/>: wait for an event, one activity that does nothing, continue as
/// new), real journeys through <c>JourneyClient.SubmitAsync</c> (the path the API uses), and how late real durable
/// timers make journeys act. Prints one JSON object.
/// Bare and journeys are measured in turns, one round of each after the other (<c>--rounds</c>), and each figure is its
/// events over its seconds in all rounds: the machine is shared, and a burst of other work then weighs on both alike.
/// Options: --journeys N (default 30), --events-per-journey N (default 5), --rounds N (default 3), --timers N (default 30),
/// --turns-per-execution N (default the orchestration's own).
/// </summary>
public static class DurableBench
{
    private const int RawConcurrency = 64, MaxRepeats = 1;

    /// <summary>
    /// How long the bench's hosts hide an engine message they took (the fault host's figure). Under the bench's load a
    /// message can wait behind a busy instance for more than the app's 15 s; hidden for less, it is taken twice and its
    /// delete refused, in a loop that feeds itself (docs/runtime.md).
    /// </summary>
    internal static readonly TimeSpan MessageVisibility = TimeSpan.FromSeconds(30);

    public static int Run(string[] args)
    {
        try
        {
            var journeys = BenchOptions.Positive(args, "--journeys", 30);
            var perJourney = BenchOptions.Positive(args, "--events-per-journey", 5);
            var rounds = BenchOptions.Positive(args, "--rounds", 3);
            var timers = BenchOptions.Positive(args, "--timers", 30);
            var turns = BenchOptions.Positive(args, "--turns-per-execution", JourneyOrchestration.TurnsPerExecution);
            var result = RunAsync(journeys, perJourney, rounds, timers, turns).GetAwaiter().GetResult();
            Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"journeys bench durable: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"journeys bench durable: {e.Message}");
            return 1;
        }
    }

    private static async Task<JsonObject> RunAsync(int journeys, int perJourney, int rounds, int timers, int turns)
    {
        var total = Stopwatch.StartNew();
        var root = AzuriteProcess.RepositoryRoot(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "node_modules"))
            ? Environment.CurrentDirectory : AppContext.BaseDirectory);
        var (raw, bare, journey, perRound) = await Throughputs(root, journeys, perJourney, rounds, turns);
        // The timers get an Azurite of their own. In-memory Azurite keeps every queue message as an extent of its own,
        // and its queue GC (a minute after the last) answers no request while it sweeps them: after the rounds' few
        // thousand that was a freeze of about 25 s, and when it met the due instant the journeys acted 3 to 5 s late,
        // or started after it (docs/runtime.md, 3 Dec). A fresh one's next GC is a minute away.
        TimerLateness.Result lateness;
        await using (var azurite = await AzuriteProcess.Start(root, inMemory: true, default))
            lateness = await TimerLateness.Measure(azurite.ConnectionString, timers);
        Console.Error.WriteLine($"timers: p50 {lateness.P50:F0} ms, p99 {lateness.P99:F0} ms, early {lateness.Early}");

        return new JsonObject
        {
            ["bareEventsPerSecond"] = Math.Round(bare.PerSecond, 1),
            ["journeyEventsPerSecond"] = Math.Round(journey.PerSecond, 1),
            ["ratioToBare"] = Math.Round(journey.PerSecond / bare.PerSecond, 3),
            ["rounds"] = perRound,
            ["rawBatchWritesPerSecond"] = Math.Round(raw, 1),
            ["timerLatenessMs"] = new JsonObject { ["p50"] = Math.Round(lateness.P50), ["p99"] = Math.Round(lateness.P99), ["set"] = timers, ["fired"] = lateness.Fired },
            ["timersActedEarly"] = lateness.Early,
            ["timersStartedAfterDue"] = lateness.StartedAfterDue,
            ["turnsPerExecution"] = turns,
            ["journeys"] = rounds * journeys + timers,
            ["events"] = rounds * (journeys * perJourney + journeys) + timers,
            ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
            ["notes"] = "Azurite (in memory) started by the benchmark, a fresh one for the timers; the local durable " +
                        "host (gRPC sidecar over DurableTask.AzureStorage, 4 partitions, 1 s longest queue poll) in this " +
                        $"process. Bare and journeys: {journeys} instances at once, each taking {perJourney} events one " +
                        "after another (the next sent when the last was acted on), " +
                        $"{rounds} rounds of each in turn after an unmeasured warm-up, each figure its events over its " +
                        "seconds in all rounds counted (a round Azurite froze in, its queue GC, is run again once); " +
                        "journey events are COM allocations (each one decided, recorded and projected). Raw: 3-entity " +
                        $"transactions into distinct partitions, {RawConcurrency} in flight. Timers: {timers} journeys whose " +
                        "first timer is the same instant (the HDC commencement of 3 June 2025, brought near by a shifted " +
                        "clock); lateness is from the due " +
                        "instant to the orchestration's own clock when it decided the timer",
        };
    }

    /// <summary>Raw batch writes, then bare loops and journeys in turns, on one in-memory Azurite and one host.</summary>
    private static async Task<(double Raw, Throughput Bare, Throughput Journey, JsonArray Rounds)> Throughputs(
        string root, int journeys, int perJourney, int rounds, int turns)
    {
        await using var azurite = await AzuriteProcess.Start(root, inMemory: true, default);
        await RawBatchWrites(azurite.ConnectionString, TimeSpan.FromSeconds(2)); // warm-up, not counted
        var raw = await RawBatchWrites(azurite.ConnectionString, TimeSpan.FromSeconds(6));
        Console.Error.WriteLine($"raw batch writes: {raw:F1}/s");

        var signals = new ProgressSignals();
        Throughput bare = new(0, TimeSpan.Zero), journey = new(0, TimeSpan.Zero);
        var perRound = new JsonArray();
        await using var host = await LocalDurableHost.StartAsync(new DurableHostOptions(azurite.ConnectionString, "benchhub")
        {
            Store = new JourneyStoreOptions("bench"),
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
            MessageVisibility = MessageVisibility,
            Tasks = BareLoop.Register,
            TurnsPerExecution = turns,
            Services = s => s.AddSingleton<IJourneyProjection>(new SignallingProjection(signals)),
        });
        // Both paths once unmeasured first, so neither figure pays for the JIT warming up (in .NET and in Azurite).
        await BareLoop.Measure(host, 10, 2);
        await JourneyLoad.Measure(host, signals, 10, 2);
        await using var freezes = new AzuriteFreezeWatch(azurite.QueuePort);
        for (int round = 1, repeats = 0; round <= rounds; round++)
        {
            var from = DateTime.UtcNow;
            var b = await BareLoop.Measure(host, journeys, perJourney);
            var j = await JourneyLoad.Measure(host, signals, journeys, perJourney);
            // A round Azurite froze in is run again, once at most so that the bench keeps within its three minutes
            // (the big GC comes once, a minute in); if the second froze too, it counts.
            var froze = freezes.FrozeDuring(from, DateTime.UtcNow);
            var counted = !froze || repeats == MaxRepeats;
            Console.Error.WriteLine($"round {round}: bare orchestration {b.PerSecond:F1} events/s, journeys {j.PerSecond:F1} events/s" +
                                    (froze ? counted ? " (Azurite froze)" : " (Azurite froze: not counted, run again)" : ""));
            perRound.Add(new JsonObject
            {
                ["bare"] = Math.Round(b.PerSecond, 1), ["journeys"] = Math.Round(j.PerSecond, 1), ["azuriteFroze"] = froze, ["counted"] = counted,
            });
            if (!counted) { repeats++; round--; continue; }
            (bare, journey) = (bare + b, journey + j);
        }
        return (raw, bare, journey, perRound);
    }

    /// <summary>The storage limit: turn-shaped transactions (3 entities, one partition each) as fast as they go.</summary>
    private static async Task<double> RawBatchWrites(string connectionString, TimeSpan duration)
    {
        var table = new TableServiceClient(connectionString).GetTableClient("rawbench" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var done = 0;
        var payload = new string('x', 300);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, RawConcurrency).Select(async worker =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var pk = $"w{worker}-{i}";
                await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity(pk, "state") { ["State"] = payload, ["Version"] = 1L }),
                    new(TableTransactionActionType.Add, new TableEntity(pk, "h-0000000001") { ["Facts"] = payload }),
                    new(TableTransactionActionType.Add, new TableEntity(pk, "e-000000000001") { ["Event"] = payload }),
                ]);
                Interlocked.Increment(ref done);
            }
        }));
        return done / clock.Elapsed.TotalSeconds;
    }
}

/// <summary>Events acted on in a measured time; adding two sums both.</summary>
public readonly record struct Throughput(long Events, TimeSpan Elapsed)
{
    public double PerSecond => Events / Elapsed.TotalSeconds;
    public static Throughput operator +(Throughput a, Throughput b) => new(a.Events + b.Events, a.Elapsed + b.Elapsed);
}
