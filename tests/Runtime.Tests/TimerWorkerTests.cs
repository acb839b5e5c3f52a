using System.Text.Json;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Runtime.Samples;
using ShortSentences.Runtime.Workers;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.Runtime.Tests;

public sealed class TimerWorkerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 9, 0);

    /// <summary>The counting journey, except that firing the timer named "poison" always fails.</summary>
    private sealed class PoisonTimerDecider : IDecider<CountingState, CountingEvent, CountingFact>
    {
        private readonly CountingDecider _inner = new();
        public CountingState Initial(string journeyId) => _inner.Initial(journeyId);
        public Decision<CountingFact> Decide(CountingState state, CountingEvent @event, Instant now) =>
            @event is Elapsed { TimerId: "poison" }
                ? throw new InvalidOperationException("this timer's journey cannot be stepped")
                : _inner.Decide(state, @event, now);
        public CountingState Evolve(CountingState state, CountingFact fact) => _inner.Evolve(state, fact);
        public IReadOnlyCollection<JourneyTimer> OpenTimers(CountingState state) => _inner.OpenTimers(state);
        public CountingEvent TimerFired(JourneyTimer timer) => _inner.TimerFired(timer);
        public bool IsEnded(CountingState state) => _inner.IsEnded(state);
    }

    [Fact]
    public async Task A_timer_that_cannot_be_fired_does_not_hold_up_the_others_due_at_the_same_time()
    {
        var clock = new ManualClock(Start);
        var h = await RuntimeHarness.Create(azurite, clock);
        var runtime = new JourneyRuntime<CountingState, CountingEvent, CountingFact>(new PoisonTimerDecider(), h.Codec,
            h.Tables, clock, h.Options);
        var timers = new TimerWorker<CountingState, CountingEvent, CountingFact>(runtime, h.Dispatcher, clock);
        var due = Start + Duration.FromMinutes(5);
        // The poisoned timer is due first, so it is met first.
        await Arm(runtime, h, "J-0", "poison", due - Duration.FromSeconds(1));
        for (var i = 1; i <= 20; i++) await Arm(runtime, h, $"J-{i}", "t", due);

        clock.Advance(Duration.FromMinutes(10));
        Assert.Equal(20, await timers.PollOnce(default));
        Assert.Equal(1, timers.Failures);

        for (var i = 1; i <= 20; i++) Assert.Empty((await runtime.Load($"J-{i}", default)).State!.Timers);
        // The failed one is still open and still indexed, so it is tried again on the next tick.
        Assert.Equal(["poison"], (await runtime.Load("J-0", default)).State!.Timers.Keys);
        Assert.Equal(0, await timers.PollOnce(default));
        Assert.Equal(2, timers.Failures);
    }

    private static async Task Arm(JourneyRuntime<CountingState, CountingEvent, CountingFact> runtime, RuntimeHarness h,
        string journeyId, string timerId, Instant due)
    {
        foreach (var (id, type, body) in new[]
                 {
                     ("open", "Open", RuntimeHarness.Open("X")),
                     ("arm", "Arm", RuntimeHarness.Arm("X", timerId, due)),
                 })
        {
            using var doc = JsonDocument.Parse(body.ToJsonString());
            await runtime.Deliver(journeyId, id, type, doc.RootElement, h.Codec.ParseEvent(type, doc.RootElement).Event!, default);
        }
    }
}
