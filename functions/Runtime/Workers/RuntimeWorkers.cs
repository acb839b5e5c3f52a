using ShortSentences.Runtime.Reminders;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime.Workers;

/// <summary>
/// Everything one worker process runs: the event worker, the timer step, the outbox sweep and the reminder sender.
/// Any number of these may run against one storage account at once.
/// </summary>
public sealed class RuntimeWorkers<TState, TEvent, TFact>(
    JourneyRuntime<TState, TEvent, TFact> runtime, IRuntimeTables tables, IRuntimeQueues queues, IReminderSink sink,
    TimeProvider clock)
{
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);
    public int Parallelism { get; init; } = 8;

    public static async Task EnsureStorage(JourneyRuntime<TState, TEvent, TFact> runtime, IRuntimeTables tables,
        IRuntimeQueues queues, CancellationToken ct)
    {
        var o = runtime.Options;
        await runtime.EnsureTables(ct);
        await tables.EnsureTable(o.RemindersSentTable, ct);
        await tables.EnsureTable(o.LocalSinkTable, ct);
        foreach (var q in new[] { o.EventsQueue, o.EventsDeadQueue, o.RemindersQueue, o.RemindersDeadQueue })
            await queues.EnsureQueue(q, ct);
    }

    public Task Run(CancellationToken ct)
    {
        var o = runtime.Options;
        var dispatcher = new OutboxDispatcher(tables, queues, o, clock);
        var events = new EventWorker<TState, TEvent, TFact>(runtime, queues, dispatcher, clock, Parallelism);
        var timers = new TimerWorker<TState, TEvent, TFact>(runtime, dispatcher, clock, Parallelism);
        var sender = new ReminderSender(tables, queues, sink, o, clock);
        return Task.WhenAll(
            events.Run(ct),
            timers.Run(TimerInterval, ct),
            Loop(async t => { await dispatcher.Sweep(t); return 0; }, SweepInterval, ct),
            Loop(sender.PollOnce, TimeSpan.FromMilliseconds(100), ct));
    }

    private async Task Loop(Func<CancellationToken, Task<int>> once, TimeSpan idle, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var did = 0;
            try { did = await once(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is not OperationCanceledException) { /* storage unreachable: try again */ }
            if (did == 0)
                try { await Task.Delay(idle, clock, ct); } catch (OperationCanceledException) { return; }
        }
    }
}
