using NodaTime;

namespace ShortSentences.Runtime.Workers;

/// <summary>
/// The timer step: reads the due index up to now and fires each due timer on its journey (checked against the
/// journey's own open timers, so stale entries are simply removed). Several timer workers may run at once; a timer
/// fires once because the firing is an event with its own inbox id.
/// </summary>
public sealed class TimerWorker<TState, TEvent, TFact>(
    JourneyRuntime<TState, TEvent, TFact> runtime, OutboxDispatcher dispatcher, TimeProvider clock, int parallelism = 8)
{
    /// <summary>Called after a timer fired, with its due instant and the instant it was recorded (for lateness).</summary>
    public Action<Instant, Instant>? Fired { get; init; }

    public async Task<int> PollOnce(CancellationToken ct)
    {
        var due = await runtime.Due.DueNow(ct);
        var fired = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (entry, token) =>
            {
                try { Interlocked.Add(ref fired, await Fire(entry, token)); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One timer that cannot be fired now (its journey's step keeps failing) must not hold up the
                    // others: its entry stays in the index and is tried again next tick.
                    Interlocked.Increment(ref _failures);
                }
            });
        return fired;
    }

    private long _failures;

    /// <summary>Firings that failed and were left for the next tick.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    private async Task<int> Fire(DueEntry entry, CancellationToken token)
    {
        var outcome = await runtime.FireTimer(entry.JourneyId, entry.TimerId, entry.DueAt, token);
        if (outcome.Result == StepResult.NotYetDue) return 0;
        // Possibly written by a step that has not committed yet: looked at again next tick.
        if (outcome.Result == StepResult.StaleTimer && !runtime.Due.SettledStale(entry)) return 0;
        if (outcome.Result == StepResult.Applied)
        {
            Fired?.Invoke(entry.DueAt, Instant.FromDateTimeOffset(clock.GetUtcNow()));
            if (outcome.Commands.Count > 0) await dispatcher.TryDispatchJourney(entry.JourneyId, token);
        }
        await runtime.Due.Remove(entry, token);
        return outcome.Result == StepResult.Applied ? 1 : 0;
    }

    public async Task Run(TimeSpan interval, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await PollOnce(ct); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is not OperationCanceledException) { /* storage unreachable: try next tick */ }
            try { await Task.Delay(interval, clock, ct); } catch (OperationCanceledException) { return; }
        }
    }
}
