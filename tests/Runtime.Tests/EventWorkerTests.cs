using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Workers;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Runtime.Tests;

public sealed class EventWorkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_stopping_worker_hands_back_at_once_the_messages_it_received_but_did_not_finish()
    {
        var h = await RuntimeHarness.Create(azurite, TimeProvider.System);
        const int journeys = 40;
        for (var i = 0; i < journeys; i++) await h.Send($"open-{i}", $"J-{i}", "Open", RuntimeHarness.Open($"X{i}"));
        // One step at a time, so most of what it receives is still waiting in hand when it is stopped.
        var worker = new EventWorker<CountingState, CountingEvent, CountingFact>(h.Runtime, h.Queues, h.Dispatcher,
            TimeProvider.System, parallelism: 1);
        using var stop = new CancellationTokenSource();
        var running = worker.Run(stop.Token);
        for (var wait = 0; worker.Completed < 3 && wait < 1000; wait++) await Task.Delay(10);
        await stop.CancelAsync();
        await running;
        Assert.InRange(worker.Completed, 3, journeys - 10);

        // The rest is visible again now, not after the 30-second visibility timeout, and each lands exactly once.
        await h.DrainEvents();
        Assert.Equal(0, await h.Queues.ApproximateCount(h.Options.EventsQueue, default));
        for (var i = 0; i < journeys; i++)
        {
            var journey = await h.Runtime.Load($"J-{i}", default);
            Assert.True(journey.Started, $"J-{i} was not started");
            Assert.Equal(1, journey.Sequence);
        }
    }
}
