using NodaTime;
using NodaTime.Text;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Law;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ShortSentences.Cli.Durable;

/// <summary>
/// How late real durable timers make journeys act: journeys sentenced on 30 May 2025 whose first timer is the adult
/// HDC change of 3 June 2025 (a fixed instant), seen through a clock shifted so that instant falls <see cref="Lead"/>
/// after the host starts. Lateness runs from the due instant to the orchestration's own clock when it decided the
/// timer (the history entry's time); a negative one is a journey that acted early.
/// </summary>
public static class TimerLateness
{
    private static readonly Duration Lead = Duration.FromSeconds(30);
    private static readonly Instant Commencement = Instant.FromUtc(2025, 6, 2, 23, 0);
    private static readonly LocalDate Sentenced = new(2025, 5, 30);

    public sealed record Result(double P50, double P99, int Fired, int Early, int StartedAfterDue);

    public static async Task<Result> Measure(string connectionString, int journeys)
    {
        var signals = new ProgressSignals();
        var shifted = ShiftedClockDecider.BringingNear(new JourneyDecider(), Sentence("X000000"), Commencement, Lead, SystemClock.Instance.GetCurrentInstant());
        var due = Commencement - shifted.Offset;
        await using var host = await LocalDurableHost.StartAsync(new DurableHostOptions(connectionString, "benchtimers")
        {
            Store = new JourneyStoreOptions("benchtimers"),
            Decider = shifted,
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Error,
            MessageVisibility = DurableBench.MessageVisibility,
            Services = s => s.AddSingleton<IJourneyProjection>(new SignallingProjection(signals)),
        });
        var ids = Enumerable.Range(0, journeys).Select(i => $"T{i:D6}").ToList();
        await Task.WhenAll(ids.Select(crn => host.Journeys.SubmitAsync(JourneyId.For(crn, "S1"), Sentence(crn), CancellationToken.None)));
        await Task.WhenAll(ids.Select(crn => signals.WhenReached(JourneyId.For(crn, "S1"), 1, TimeSpan.FromMinutes(2))));
        var records = host.Services.GetRequiredService<JourneyRecords>();
        var lateness = new List<double>();
        int early = 0, startedAfterDue = 0;
        foreach (var crn in ids)
        {
            var id = JourneyId.For(crn, "S1");
            var (acted, afterDue) = await EntryActingAtDue(records, signals, id, due, Lead.ToTimeSpan() + TimeSpan.FromMinutes(2));
            var ms = (At(acted) - due).TotalMilliseconds;
            if (ms < 0) early++;
            if (afterDue) startedAfterDue++;
            lateness.Add(ms);
        }
        lateness.Sort();
        return new Result(Percentile(lateness, 0.50), Percentile(lateness, 0.99), lateness.Count, early, startedAfterDue);
    }

    /// <summary>
    /// The journey's first history entry made by a timer, once its projection shows a version that has one; or, for a
    /// journey whose first turn came after the due instant (a slow start), that turn: it acted on the instant then, and
    /// no timer is set for what is already due.
    /// </summary>
    private static async Task<(HistoryEntry Entry, bool StartedAfterDue)> EntryActingAtDue(
        JourneyRecords records, ProgressSignals signals, string id, Instant due, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        for (var version = signals.Reached(id); ; version = Math.Max(version + 1, signals.Reached(id)))
        {
            var history = await records.HistoryAsync(id, CancellationToken.None);
            if (history.Count > 0 && At(history[0]) >= due) return (history[0], true);
            if (history.FirstOrDefault(e => e.Source == "timer") is { } entry) return (entry, false);
            await signals.WhenReached(id, version + 1, until - DateTime.UtcNow);
        }
    }

    private static Instant At(HistoryEntry entry) => InstantPattern.ExtendedIso.Parse(entry.RecordedAt).Value;

    private static SentenceRecorded Sentence(string crn) =>
        new(new SentenceTerms(Sentenced, 8, 0, Sentenced.PlusDays(-30)), new PersonProfile("Newcastle", "North East"))
        {
            EventId = $"{crn}-sentence", Crn = crn, SentenceId = "S1",
            OccurredAt = Sentenced.At(new LocalTime(12, 0)).InUtc().ToInstant(),
        };

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
