using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Tests.Loop;
using Xunit;
using Xunit.Abstractions;
using static ShortSentences.Orchestration.Tests.Host.DurableHostFixture;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// A host whose journeys see a clock shifted so that the first timer of a journey sentenced on
/// <see cref="SentenceDate"/> (the adult HDC change of 3 June 2025 at midnight, London: a fixed instant, unlike a
/// deadline, which moves with the day the sentence is decided) falls <see cref="Lead"/> after the host starts. A real
/// durable timer of the Azure Storage provider then fires while the test watches.
/// </summary>
public sealed class ShiftedClockHostFixture : DurableHostFixture
{
    public const string SentenceDate = "2025-05-30";
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(40);
    public ShiftedClockDecider Shifted { get; private set; } = null!;

    protected override IDecider<JourneyState, JourneyEvent, JourneyFact>? Decider() => Shifted = Shift();

    private static ShiftedClockDecider Shift() => ShiftedClockDecider.BringingNear(new JourneyDecider(),
        new Person("X000001", "S1").Sentence(SentenceDate), Instant.FromUtc(2025, 6, 2, 23, 0), Duration.FromTimeSpan(Lead),
        Instant.FromDateTimeOffset(DateTimeOffset.UtcNow));
}

public class RealTimerTests(ShiftedClockHostFixture host, ITestOutputHelper output) : IClassFixture<ShiftedClockHostFixture>
{
    [Fact]
    public async Task A_deadline_fires_on_a_real_durable_timer_never_before_its_due_instant()
    {
        var j = new Person("X" + Random.Shared.Next(100000, 999999), "S1");
        await host.Host.Journeys.SubmitAsync(j.Id, j.Sentence(ShiftedClockHostFixture.SentenceDate), CancellationToken.None);
        var started = await Eventually(() => host.Records.StateAsync(j.Id, CancellationToken.None), s => s is not null);
        var state = JourneyTurn.DecodeState(started!.StateJson);
        var due = host.Shifted.OpenTimers(state).Min(t => t.DueAt);
        Assert.True(due > Instant.FromDateTimeOffset(DateTimeOffset.UtcNow), "the deadline must still be ahead when the journey has started, or this test shows nothing");

        var history = await Eventually(() => host.Records.HistoryAsync(j.Id, CancellationToken.None), h => h.Any(e => e.Source == "timer"), 90);
        var fired = history.First(e => e.Source == "timer");
        var actedAt = InstantPattern.ExtendedIso.Parse(fired.RecordedAt).Value;
        output.WriteLine($"due {due}, acted {actedAt}: {(actedAt - due).TotalMilliseconds:F0} ms after the due instant");
        Assert.True(actedAt >= due, $"the journey acted {(due - actedAt).TotalMilliseconds:F0} ms before its deadline was due");
    }
}
