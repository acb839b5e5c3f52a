using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Durable;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime;

/// <summary>
/// Makes a decider durable. Each journey is one table partition (state, history, open timers, outbox, inbox);
/// every step is one entity-group transaction guarded by the state row's ETag and retried on conflict, so any number
/// of workers may step the same journey at once. Timers are found through the due index; commands wait in the outbox
/// until <see cref="Workers.OutboxDispatcher"/> moves them to the reminders queue.
/// </summary>
public sealed class JourneyRuntime<TState, TEvent, TFact>
{
    private readonly IDecider<TState, TEvent, TFact> _decider;
    private readonly IJourneyCodec<TState, TEvent, TFact> _codec;
    private readonly IRuntimeTables _tables;
    private readonly TimeProvider _clock;
    private readonly DueIndex _due;
    private readonly OutboxPending _pending;
    // The last state this process wrote or read per journey, so a step usually needs no read: a stale entry only
    // costs a failed commit (the ETag no longer matches) and a fresh read.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JourneySnapshot<TState>> _recent = new();
    private const int RecentLimit = 20_000;

    public JourneyRuntime(IDecider<TState, TEvent, TFact> decider, IJourneyCodec<TState, TEvent, TFact> codec,
        IRuntimeTables tables, TimeProvider clock, RuntimeOptions? options = null)
    {
        _decider = decider;
        _codec = codec;
        _tables = tables;
        _clock = clock;
        Options = options ?? new RuntimeOptions();
        _due = new DueIndex(tables, Options, clock);
        _pending = new OutboxPending(tables, Options, clock);
    }

    public RuntimeOptions Options { get; }
    public IJourneyCodec<TState, TEvent, TFact> Codec => _codec;
    public DueIndex Due => _due;
    public OutboxPending Pending => _pending;

    public async Task EnsureTables(CancellationToken ct)
    {
        foreach (var t in new[] { Options.JourneysTable, Options.DueTable, Options.OutboxPendingTable })
            await _tables.EnsureTable(t, ct);
    }

    /// <summary>Delivers an external event (already parsed from its envelope) to its journey, exactly once by id.</summary>
    public Task<StepOutcome> Deliver(string journeyId, string eventId, string type, JsonElement body, TEvent @event,
        CancellationToken ct) =>
        Run(journeyId, new External(eventId, type, body.GetRawText(), @event), ct);

    /// <summary>Fires a timer found in the due index, if the journey still has it open at that instant.</summary>
    public Task<StepOutcome> FireTimer(string journeyId, string timerId, Instant dueAt, CancellationToken ct) =>
        Run(journeyId, new TimerDue(timerId, dueAt), ct);

    public async Task<JourneySnapshot<TState>> Load(string journeyId, CancellationToken ct)
    {
        var row = await _tables.Get(Options.JourneysTable, JourneyKeys.Escape(journeyId), JourneyKeys.StateRow, ct);
        if (row is null) return new JourneySnapshot<TState>(journeyId, false, default, 0, 0, 0, null);
        var started = row.Properties.TryGetValue("Started", out var s) && s is true;
        return new JourneySnapshot<TState>(journeyId, started,
            started ? _codec.DecodeState(Chunks.Read(row, "State")) : default,
            row.Long("Sequence"), row.Long("ParkedNext"), row.Long("ParkedApplied"), row.ETag);
    }

    public async Task<IReadOnlyList<HistoryEntry<TFact>>> History(string journeyId, CancellationToken ct)
    {
        var rows = await _tables.QueryRange(Options.JourneysTable, JourneyKeys.Escape(journeyId),
            JourneyKeys.HistoryFrom, JourneyKeys.HistoryTo, ct);
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r =>
        {
            using var facts = JsonDocument.Parse(Chunks.Read(r, "Facts"));
            return new HistoryEntry<TFact>(
                long.Parse(r.RowKey[2..], System.Globalization.CultureInfo.InvariantCulture),
                r.String("EventId")!, r.String("EventType")!, Chunks.Read(r, "Event"),
                facts.RootElement.EnumerateArray().Select(f => _codec.DecodeFact(f.GetRawText())).ToList(),
                InstantPattern.ExtendedIso.Parse(r.String("RecordedAt")!).GetValueOrThrow());
        }).ToList();
    }

    /// <summary>The inbox id of a timer's firing: a timer fires once per due instant.</summary>
    public static string TimerEventId(string timerId, Instant dueAt) => $"timer/{timerId}/{dueAt.ToUnixTimeTicks()}";

    private abstract record Incoming;
    private sealed record External(string EventId, string Type, string Body, TEvent Event) : Incoming;
    private sealed record TimerDue(string TimerId, Instant DueAt) : Incoming
    {
        public string EventId => TimerEventId(TimerId, DueAt);
    }

    private async Task<StepOutcome> Run(string journeyId, Incoming incoming, CancellationToken ct)
    {
        var conflicts = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var loaded = conflicts == 0 && Guess(journeyId, incoming) is { } guessed
                ? guessed
                : Remember(await Load(journeyId, ct));
            try
            {
                if (!loaded.Started)
                {
                    if (incoming is not External e) return StepOutcome.Of(StepResult.StaleTimer);
                    if (!_codec.StartsJourney(e.Event)) return await Park(loaded, e, ct);
                }
                else if (loaded.HasParked)
                {
                    // Events parked before the start are applied before anything that arrives after it.
                    await Commit(loaded, await PlanParked(loaded, new StepPlan<TState, TEvent, TFact>(_decider, _codec, loaded, Now()), ct), ct);
                    continue;
                }

                var plan = new StepPlan<TState, TEvent, TFact>(_decider, _codec, loaded, Now());
                switch (incoming)
                {
                    case External e:
                        plan.TryApply(e.Event, e.EventId, "external", JourneyKeys.Inbox(e.EventId), null);
                        if (!loaded.Started) await PlanParked(loaded, plan, ct);
                        break;
                    case TimerDue t:
                        var open = _decider.OpenTimers(loaded.State!).FirstOrDefault(x => x.Id == t.TimerId);
                        if (open is null || open.DueAt != t.DueAt) return StepOutcome.Of(StepResult.StaleTimer);
                        if (open.DueAt > plan.Now) return StepOutcome.Of(StepResult.NotYetDue);
                        plan.TryApply(_decider.TimerFired(open), t.EventId, "timer", JourneyKeys.Inbox(t.EventId), null);
                        break;
                }
                await Commit(loaded, plan, ct);
                return new StepOutcome(StepResult.Applied, plan.Commands.ToList());
            }
            // A 404 on the commit is a stale snapshot too: the state row it replaces is gone. Storage that lost its
            // last writes (a SIGKILLed Azurite) has forgotten journeys this process remembers; a fresh read says so.
            catch (Exception x) when (x is TableConcurrencyException or TableNotFoundException && ++conflicts < 1000)
            {
                _recent.TryRemove(journeyId, out _);
                var eventId = incoming switch { External e => e.EventId, TimerDue t => t.EventId, _ => null };
                if (eventId is not null && await _tables.Get(Options.JourneysTable, JourneyKeys.Escape(journeyId),
                        JourneyKeys.Inbox(eventId), ct) is not null)
                    return StepOutcome.Of(StepResult.Duplicate);
                if (conflicts >= Options.MaxStepAttempts) throw;
                await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(conflicts, 10)), ct);
            }
        }
    }

    /// <summary>
    /// What the journey probably looks like without reading it: the state this process last saw, or, for an event
    /// that starts journeys, nothing stored yet. A wrong guess costs one failed commit (the ETag or the insert of the
    /// state row no longer matches) and then a fresh read; a right one saves a round trip per step.
    /// A timer is judged stale only on a fresh read, since its index entry is deleted on that judgement.
    /// </summary>
    private JourneySnapshot<TState>? Guess(string journeyId, Incoming incoming)
    {
        if (incoming is not External e) return null;
        if (_recent.TryGetValue(journeyId, out var recent)) return recent;
        return _codec.StartsJourney(e.Event) ? new JourneySnapshot<TState>(journeyId, false, default, 0, 0, 0, null) : null;
    }

    private Instant Now() => Instant.FromDateTimeOffset(_clock.GetUtcNow());

    private async Task<StepPlan<TState, TEvent, TFact>> PlanParked(JourneySnapshot<TState> loaded,
        StepPlan<TState, TEvent, TFact> plan, CancellationToken ct)
    {
        if (!loaded.HasParked) return plan;
        var pk = JourneyKeys.Escape(loaded.JourneyId);
        var rows = await _tables.QueryRange(Options.JourneysTable, pk,
            JourneyKeys.Parked(loaded.ParkedApplied), JourneyKeys.Parked(loaded.ParkedNext), ct);
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            using var body = JsonDocument.Parse(Chunks.Read(row, "Body"));
            var parsed = _codec.ParseEvent(row.String("Type")!, body.RootElement);
            if (parsed.Event is null)
                throw new InvalidOperationException($"parked event {row.String("EventId")} no longer parses: {parsed.Error}");
            if (!plan.TryApply(parsed.Event, row.String("EventId")!, "parked", null, row.RowKey)) break;
        }
        return plan;
    }

    private async Task<StepOutcome> Park(JourneySnapshot<TState> loaded, External e, CancellationToken ct)
    {
        var pk = JourneyKeys.Escape(loaded.JourneyId);
        var parked = new Dictionary<string, object?> { ["EventId"] = e.EventId, ["Type"] = e.Type };
        Chunks.Write(parked, "Body", e.Body);
        var state = new StoredEntity(pk, JourneyKeys.StateRow, new Dictionary<string, object?>
        {
            ["Started"] = false,
            ["Sequence"] = 0L,
            ["ParkedNext"] = loaded.ParkedNext + 1,
            ["ParkedApplied"] = loaded.ParkedApplied,
        });
        var etags = await _tables.Submit(Options.JourneysTable,
        [
            TableOperation.Insert(new StoredEntity(pk, JourneyKeys.Parked(loaded.ParkedNext), parked)),
            TableOperation.Insert(new StoredEntity(pk, JourneyKeys.Inbox(e.EventId),
                new Dictionary<string, object?> { ["Parked"] = true })),
            loaded.ETag is null ? TableOperation.Insert(state) : TableOperation.Replace(state, loaded.ETag),
        ], ct);
        Remember(loaded with { ParkedNext = loaded.ParkedNext + 1, ETag = etags[^1] });
        return StepOutcome.Of(StepResult.Parked);
    }

    private async Task Commit(JourneySnapshot<TState> loaded, StepPlan<TState, TEvent, TFact> plan, CancellationToken ct)
    {
        // The index and the pending-outbox marker live in other partitions, so they are written first: a crash
        // before the commit leaves a stale entry (harmless, checked against the journey) rather than a lost one.
        foreach (var t in plan.TimersToIndex()) await _due.Add(loaded.JourneyId, t, ct);
        if (plan.Commands.Count > 0) await _pending.Mark(loaded.JourneyId, ct);
        var etags = await _tables.Submit(Options.JourneysTable, plan.Operations(loaded.ParkedNext), ct);
        Remember(new JourneySnapshot<TState>(loaded.JourneyId, true, plan.State, plan.Sequence, loaded.ParkedNext,
            plan.ParkedApplied, etags[^1]));
    }

    private JourneySnapshot<TState> Remember(JourneySnapshot<TState> snapshot)
    {
        if (_recent.Count >= RecentLimit) _recent.Clear();
        _recent[snapshot.JourneyId] = snapshot;
        return snapshot;
    }
}
