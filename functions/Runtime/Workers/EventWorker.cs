using System.Threading.Channels;
using NodaTime;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime.Workers;

/// <summary>
/// Takes external events from the events queue (the local stand-in for the Service Bus subscription) and steps their
/// journeys. A message is deleted only after its step committed (or it was a duplicate), so a worker killed at any
/// moment loses nothing: the message reappears after its visibility timeout. Messages that can never succeed (not
/// JSON, unknown type, bad body, oversized) go straight to the dead-letter queue; ones that keep failing go there
/// after <see cref="RuntimeOptions.MaxDeliveries"/> deliveries.
/// </summary>
public sealed class EventWorker<TState, TEvent, TFact>(
    JourneyRuntime<TState, TEvent, TFact> runtime, IRuntimeQueues queues, OutboxDispatcher dispatcher, TimeProvider clock,
    int parallelism = 8)
{
    private RuntimeOptions Options => runtime.Options;
    private long _completed;
    private long _receives;

    /// <summary>Messages this worker stepped (or found already applied, or parked) and deleted.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Receive calls this worker made on the events queue, empty ones included.</summary>
    public long Receives => Interlocked.Read(ref _receives);

    /// <summary>Processes one batch; returns how many messages it took (0 when the queue looked empty).</summary>
    public async Task<int> PollOnce(CancellationToken ct)
    {
        var messages = await queues.Receive(Options.EventsQueue, Options.ReceiveBatch, Options.Visibility, ct);
        await Parallel.ForEachAsync(messages,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
            async (m, token) => await Handle(m, token));
        return messages.Count;
    }

    /// <summary>
    /// Runs until cancelled. Up to the worker's parallelism of steps run at once, and received messages wait in hand for
    /// a free step: a new batch is fetched as soon as no more than the parallelism are in hand, as the Functions host's
    /// queue trigger does (its batchSize and newBatchThreshold), so receives come in full batches and steps never wait
    /// for one. On cancellation, messages not yet started are made visible again at once for other workers.
    /// </summary>
    public async Task Run(CancellationToken ct)
    {
        var waiting = Channel.CreateUnbounded<ReceivedMessage>(new UnboundedChannelOptions { SingleWriter = true });
        var inHand = 0;
        // Not disposed: a step still finishing after the wait below gives up may yet release it.
        var freed = new SemaphoreSlim(0);
        var steps = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            await foreach (var m in waiting.Reader.ReadAllAsync(CancellationToken.None))
            {
                try
                {
                    if (ct.IsCancellationRequested) await HandBack(m);
                    else await Handle(m, ct);
                }
                catch (Exception) when (ct.IsCancellationRequested)
                {
                    // Stopped mid-step: if the step committed, its redelivery is a duplicate and changes nothing.
                    try { await HandBack(m); } catch (Exception) { /* it reappears after its visibility timeout */ }
                }
                catch (Exception) { /* the message reappears after its visibility timeout */ }
                finally
                {
                    Interlocked.Decrement(ref inHand);
                    freed.Release();
                }
            }
        }, CancellationToken.None)).ToList();

        var most = parallelism + Math.Max(1, Options.ReceiveBatch);
        var idle = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (Volatile.Read(ref inHand) > parallelism) await freed.WaitAsync(ct);
                while (freed.CurrentCount > 0) freed.Wait(0);
                var messages = await queues.Receive(Options.EventsQueue, Math.Min(32, most - Volatile.Read(ref inHand)),
                    Options.Visibility, ct);
                Interlocked.Increment(ref _receives);
                Interlocked.Add(ref inHand, messages.Count);
                foreach (var m in messages) waiting.Writer.TryWrite(m);
                idle = messages.Count > 0 ? 0 : Math.Min(idle + 1, 10);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception)
            {
                // Storage unreachable (e.g. restarting): wait and poll again; the messages are still in the queue.
                idle = 10;
            }
            if (idle > 0) await Delay(TimeSpan.FromMilliseconds(20 * idle), ct);
        }
        waiting.Writer.Complete();
        // Let the steps in hand finish (they stop at their next storage call once cancelled).
        await Task.WhenAll(steps).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task HandBack(ReceivedMessage m)
    {
        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await queues.Abandon(Options.EventsQueue, m, TimeSpan.Zero, quick.Token);
    }

    public async Task Handle(ReceivedMessage message, CancellationToken ct)
    {
        if (message.DequeueCount > Options.MaxDeliveries)
        {
            await Dead(message, $"gave up: delivered {message.DequeueCount} times without completing", ct);
            return;
        }
        var (envelope, error) = EventEnvelope.Read(message.Text, Options.MaxEventChars);
        if (envelope is null)
        {
            await Dead(message, error!, ct);
            return;
        }
        var parsed = runtime.Codec.ParseEvent(envelope.Type, envelope.Body);
        if (parsed.Event is null)
        {
            await Dead(message, $"event {envelope.EventId} ({envelope.Type}): {parsed.Error}", ct);
            return;
        }
        StepOutcome outcome;
        try
        {
            outcome = await runtime.Deliver(envelope.JourneyId, envelope.EventId, envelope.Type, envelope.Body, parsed.Event, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && message.DequeueCount >= Options.MaxDeliveries)
        {
            await Dead(message, $"event {envelope.EventId}: failed {message.DequeueCount} times, last: {e.Message}", ct);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Try again soon rather than after the whole visibility timeout; the delivery count still grows.
            try { await queues.Abandon(Options.EventsQueue, message, Options.RetryBackoff * message.DequeueCount, ct); }
            catch (Exception) when (!ct.IsCancellationRequested) { }
            return;
        }
        // The step is committed: finish with its message even if the worker is stopping, so it is not stepped twice.
        using (var settle = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await queues.Delete(Options.EventsQueue, message, settle.Token);
        Interlocked.Increment(ref _completed);
        if (outcome.Commands.Count > 0) await dispatcher.TryDispatchJourney(envelope.JourneyId, ct);
    }

    private Task Dead(ReceivedMessage m, string reason, CancellationToken ct) =>
        DeadLetter.Move(queues, Options.EventsQueue, Options.EventsDeadQueue, m, reason,
            Instant.FromDateTimeOffset(clock.GetUtcNow()), ct);

    private async Task Delay(TimeSpan t, CancellationToken ct)
    {
        try { await Task.Delay(t, clock, ct); } catch (OperationCanceledException) { }
    }
}
