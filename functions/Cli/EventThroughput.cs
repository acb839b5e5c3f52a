using System.Diagnostics;
using System.Text.Json.Nodes;
using ShortSentences.Runtime;
using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;

namespace ShortSentences.Cli;

/// <summary>
/// One measured run of the event path for `./journeys bench`: counting-journey events through the events queue, stepped
/// by in-process event workers, until every event is applied; then storage is checked to hold exactly those events.
/// </summary>
internal static class EventThroughput
{
    public sealed record Result(int Events, double PerSecond, long ReceiveCalls);

    /// <summary>
    /// With <paramref name="backlog"/>, events keep arriving during the run and at most that many are in the queue at
    /// once (sustained throughput; the sends load the same storage and are inside the measure). Without it, every
    /// event is queued before the workers start (a backlog being drained). Opens go first: a journey's other events
    /// would otherwise be parked, which is a different path.
    /// </summary>
    public static async Task<Result> Measure(IRuntimeTables tables, IRuntimeQueues queues, int workers, int journeys,
        int perJourney, int parallelism, int? backlog)
    {
        var runtime = CountingRuntime(tables, $"ev{workers}x{Guid.NewGuid():N}"[..12]);
        var options = runtime.Options;
        await RuntimeWorkers<CountingState, CountingEvent, CountingFact>.EnsureStorage(runtime, tables, queues, default);
        var messages = Script(journeys, perJourney);
        var sent = backlog is { } first ? Math.Min(first, messages.Count) : messages.Count;
        await Send(queues, options, messages.Take(sent), parallelism);

        var dispatcher = new OutboxDispatcher(tables, queues, options, TimeProvider.System);
        var eventWorkers = Enumerable.Range(0, workers)
            .Select(_ => new EventWorker<CountingState, CountingEvent, CountingFact>(runtime, queues, dispatcher,
                TimeProvider.System, parallelism))
            .ToList();
        long Completed() => eventWorkers.Sum(w => w.Completed);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var running = eventWorkers.Select(w => w.Run(stop.Token)).ToList();
        while (Completed() < messages.Count)
        {
            // Progress is read from the workers, not from storage, so watching does not slow what is watched.
            var room = backlog is { } most ? (int)Math.Min(most - (sent - Completed()), messages.Count - sent) : 0;
            if (room >= Math.Min(16, messages.Count - sent) && room > 0)
            {
                await Send(queues, options, messages.Skip(sent).Take(room), parallelism);
                sent += room;
            }
            else await Task.Delay(backlog is null ? 20 : 2);
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
                throw new InvalidOperationException(
                    $"{workers} worker(s) applied only {Completed()} of {messages.Count} events in 90 s");
        }
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(running);

        var stored = (await tables.ScanRowKey(options.JourneysTable, JourneyKeys.StateRow, default)).Sum(r => r.Long("Sequence"));
        if (stored != messages.Count)
            throw new InvalidOperationException($"{workers} worker(s): the journeys hold {stored} events, expected {messages.Count}");
        return new Result(messages.Count, messages.Count / seconds, eventWorkers.Sum(w => w.Receives));
    }

    /// <summary>The counting journey's runtime on tables and queues of its own (named by <paramref name="prefix"/>).</summary>
    public static JourneyRuntime<CountingState, CountingEvent, CountingFact> CountingRuntime(IRuntimeTables tables, string prefix) =>
        new(new CountingDecider(), new CountingCodec(), tables, TimeProvider.System, new RuntimeOptions(prefix));

    private static List<string> Script(int journeys, int perJourney)
    {
        var messages = new List<string>();
        for (var j = 0; j < journeys; j++)
            messages.Add(EventEnvelope.Write($"o{j}", $"J-{j}", "Open", new JsonObject { ["crn"] = $"X{j}" }));
        for (var k = 1; k < perJourney; k++)
            for (var j = 0; j < journeys; j++)
                messages.Add(EventEnvelope.Write($"a{j}-{k}", $"J-{j}", "Add",
                    new JsonObject { ["crn"] = $"X{j}", ["amount"] = 1 + k % 2 }));
        return messages;
    }

    private static Task Send(IRuntimeQueues queues, RuntimeOptions options, IEnumerable<string> messages, int parallelism) =>
        Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (m, ct) => await queues.Send(options.EventsQueue, m, ct));
}
