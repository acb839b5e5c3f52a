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
    /// Runs until cancelled, keeping up to the worker's parallelism of messages in hand: a message is received as soon
    /// as a slot frees up, rather than waiting for a whole batch to finish.
    /// </summary>
    public async Task Run(CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(parallelism);
        var batch = Math.Max(1, Math.Min(Options.ReceiveBatch, parallelism));
        var idle = 0;
        while (!ct.IsCancellationRequested)
        {
            try { await slots.WaitAsync(ct); } catch (OperationCanceledException) { break; }
            var taken = 1;
            // Gather slots freed in the next few milliseconds so that one receive brings several messages.
            while (taken < batch && await slots.WaitAsync(taken < batch / 2 ? 5 : 0, CancellationToken.None)) taken++;
            IReadOnlyList<ReceivedMessage> messages;
            try
            {
                messages = await queues.Receive(Options.EventsQueue, taken, Options.Visibility, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || ct.IsCancellationRequested)
            {
                // Storage unreachable (e.g. restarting): wait and poll again; the messages are still in the queue.
                slots.Release(taken);
                if (ct.IsCancellationRequested) break;
                await Delay(TimeSpan.FromMilliseconds(200), ct);
                continue;
            }
            if (messages.Count < taken) slots.Release(taken - messages.Count);
            foreach (var m in messages)
                _ = Task.Run(async () =>
                {
                    try { await Handle(m, ct); }
                    catch (Exception) { /* the message reappears after its visibility timeout */ }
                    finally { slots.Release(); }
                }, CancellationToken.None);
            idle = messages.Count > 0 ? 0 : Math.Min(idle + 1, 10);
            if (idle > 0) await Delay(TimeSpan.FromMilliseconds(20 * idle), ct);
        }
        // Let the steps in hand finish (they stop at their next storage call once cancelled).
        for (var i = 0; i < parallelism; i++) await slots.WaitAsync(TimeSpan.FromSeconds(10));
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
        await queues.Delete(Options.EventsQueue, message, ct);
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
