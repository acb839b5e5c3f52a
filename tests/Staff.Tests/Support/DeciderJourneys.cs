using NodaTime;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Simulation;
using ShortSentences.Staff.Actions;
using ShortSentences.Staff.Caseload;

namespace ShortSentences.Staff.Tests.Support;

/// <summary>
/// Journeys run by the journeys' own decider in memory, read through <see cref="JourneyProjection"/> and changed
/// through <see cref="IJourneyActions"/> exactly as the app's operations change them (a task-completed event, judged
/// by the decider: refused when it rejects it). The stand-in for the runtime behind the pages' browser tests.
/// </summary>
public sealed class DeciderJourneys(TimeProvider clock) : ICaseloadReader, IJourneyActions
{
    private readonly JourneyDecider decider = new();
    private readonly Dictionary<string, JourneyDriver> journeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();
    private int next;

    public List<TaskCompleted> Completions { get; } = [];

    private Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    /// <summary>A journey for <paramref name="crn"/>, sentenced on <paramref name="sentenced"/>, then driven by <paramref name="events"/> (day, event).</summary>
    public string Add(string crn, string pdu, LocalDate sentenced, params (LocalDate On, JourneyEvent Event)[] events)
    {
        var id = JourneyId.For(crn, "S1");
        var driver = new JourneyDriver(decider, id, keepHistory: true);
        var sentence = new SentenceRecorded(new(sentenced, 6, 0, sentenced.PlusDays(-30)), new PersonProfile(pdu, "London"));
        driver.Deliver(Stamp(sentence, crn), At(sentenced));
        foreach (var (on, e) in events)
        {
            RunUntil(driver, At(on));
            driver.Deliver(Stamp(e, crn), At(on));
        }
        RunUntil(driver, Now);
        lock (gate) journeys[id] = driver;
        return id;
    }

    public Task<IReadOnlyList<JourneySummary>> CaseloadAsync(string pdu, IReadOnlyCollection<string>? comIds, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<JourneySummary>>(journeys.Values
                .Select(d => JourneyProjection.Summary(d.State))
                .Where(s => string.Equals(s.Pdu, pdu, StringComparison.OrdinalIgnoreCase))
                .Where(s => comIds is null || (s.ComId is not null && comIds.Contains(s.ComId, StringComparer.OrdinalIgnoreCase)))
                .ToList());
    }

    public Task<JourneyDetail?> JourneyAsync(string journeyId, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult(journeys.TryGetValue(journeyId, out var d) ? JourneyProjection.Detail(d.State, d.History!) : null);
    }

    public Task<IReadOnlyList<JourneySummary>> PersonAsync(string crn, CancellationToken cancellationToken = default)
    {
        lock (gate)
            return Task.FromResult<IReadOnlyList<JourneySummary>>(journeys.Values.Select(d => JourneyProjection.Summary(d.State))
                .Where(s => string.Equals(s.Crn, crn, StringComparison.OrdinalIgnoreCase)).ToList());
    }

    public Task<ActionResult> CompleteTaskAsync(string journeyId, string taskId, LocalDate on, string by, string? note, CancellationToken ct)
    {
        lock (gate)
        {
            if (!journeys.TryGetValue(journeyId, out var d)) return Task.FromResult<ActionResult>(new ActionResult.NotFound());
            var e = Stamp(new TaskCompleted(taskId, on, by, note), d.State.Crn);
            var rejected = decider.Decide(d.State, e, Now).Facts.OfType<EventRejected>().FirstOrDefault();
            if (rejected is not null) return Task.FromResult<ActionResult>(new ActionResult.Refused(rejected.Reason));
            d.Deliver(e, Now);
            Completions.Add(e);
            return Task.FromResult<ActionResult>(new ActionResult.Done());
        }
    }

    private T Stamp<T>(T e, string crn) where T : JourneyEvent =>
        e with { EventId = $"e{Interlocked.Increment(ref next)}", Crn = crn, SentenceId = "S1", OccurredAt = Now };

    private static Instant At(LocalDate day) => day.At(new LocalTime(10, 0)).InZoneLeniently(JourneyDecider.London).ToInstant();

    private static void RunUntil(JourneyDriver d, Instant until)
    {
        while (d.NextTimer() is { } t && t.DueAt <= until) d.Fire(t);
    }
}
