using System.Diagnostics;
using NodaTime;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Cli.Durable;

/// <summary>
/// Real journeys through <c>JourneyClient.SubmitAsync</c> (inbox, then wake-up: the path the API uses): each journey is
/// sentenced, then takes COM allocations one after another, each to another COM so that every one is decided,
/// recorded and projected. "Acted on" is the projection of the journey's new version (<see cref="SignallingProjection"/>).
/// </summary>
public static class JourneyLoad
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<Throughput> Measure(LocalDurableHost host, ProgressSignals signals, int journeys, int events)
    {
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var sentenced = LocalDate.FromDateTime(DateTime.UtcNow).PlusDays(-2);
        var people = Enumerable.Range(0, journeys).Select(i => (Crn: $"B{run}{i:D5}", SentenceId: "S1")).ToList();
        await Task.WhenAll(people.Select(async p =>
        {
            var id = JourneyId.For(p.Crn, p.SentenceId);
            var sentence = new SentenceRecorded(new SentenceTerms(sentenced, 8, 0, sentenced.PlusDays(-30)), new PersonProfile("Newcastle", "North East"))
            {
                EventId = $"{id}-sentence", Crn = p.Crn, SentenceId = p.SentenceId, OccurredAt = SystemClock.Instance.GetCurrentInstant(),
            };
            await host.Journeys.SubmitAsync(id, sentence, CancellationToken.None);
            await signals.WhenReached(id, 1, Limit);
        }));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(people.Select(async p =>
        {
            var id = JourneyId.For(p.Crn, p.SentenceId);
            for (var k = 1; k <= events; k++)
            {
                var version = signals.Reached(id);
                var allocation = new ComAllocated($"COM {k}")
                {
                    EventId = $"{id}-com-{k}", Crn = p.Crn, SentenceId = p.SentenceId, OccurredAt = SystemClock.Instance.GetCurrentInstant(),
                };
                await host.Journeys.SubmitAsync(id, allocation, CancellationToken.None);
                await signals.WhenReached(id, version + 1, Limit);
            }
        }));
        return new Throughput(journeys * events, clock.Elapsed);
    }
}

/// <summary>A read model that only tells the benchmark which version of each journey has been projected.</summary>
public sealed class SignallingProjection(ProgressSignals signals) : IJourneyProjection
{
    public Task ProjectAsync(JourneySnapshot snapshot, JourneyState state, CancellationToken ct)
    {
        signals.Report(snapshot.JourneyId, snapshot.Version);
        return Task.CompletedTask;
    }
}
