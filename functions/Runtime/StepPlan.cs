using System.Globalization;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Durable;
using ShortSentences.Runtime.Storage;

namespace ShortSentences.Runtime;

/// <summary>
/// The rows one step writes to a journey's partition: each applied event adds a history row and its inbox row, its
/// commands add outbox rows, and at the end the timer rows follow the open timers and the state row is replaced under
/// its ETag. Built purely; <see cref="JourneyRuntime{TState,TEvent,TFact}"/> commits it as one transaction.
/// </summary>
internal sealed class StepPlan<TState, TEvent, TFact>
{
    public const int MaxOperations = 100;

    private readonly IDecider<TState, TEvent, TFact> _decider;
    private readonly IJourneyCodec<TState, TEvent, TFact> _codec;
    private readonly JourneySnapshot<TState> _loaded;
    private readonly string _pk;
    private readonly Instant _now;
    private readonly List<TableOperation> _eventOps = [];
    private readonly Dictionary<string, ReminderCommand> _commands = [];
    private readonly IReadOnlyCollection<JourneyTimer> _timersBefore;

    public StepPlan(IDecider<TState, TEvent, TFact> decider, IJourneyCodec<TState, TEvent, TFact> codec,
        JourneySnapshot<TState> loaded, Instant now)
    {
        _decider = decider;
        _codec = codec;
        _loaded = loaded;
        _pk = JourneyKeys.Escape(loaded.JourneyId);
        _now = now;
        State = loaded.Started ? loaded.State! : decider.Initial(loaded.JourneyId);
        Sequence = loaded.Sequence;
        ParkedApplied = loaded.ParkedApplied;
        _timersBefore = loaded.Started ? decider.OpenTimers(State) : [];
    }

    public TState State { get; private set; }
    public long Sequence { get; private set; }
    public long ParkedApplied { get; private set; }
    public int EventCount { get; private set; }
    public IReadOnlyCollection<ReminderCommand> Commands => _commands.Values;
    public Instant Now => _now;

    /// <summary>Applies one event; returns false (and changes nothing) if the transaction would grow past its limit.</summary>
    public bool TryApply(TEvent @event, string eventId, string source, string? inboxRowToInsert, string? parkedRowToDelete)
    {
        var decision = _decider.Decide(State, @event, _now);
        var state = State;
        foreach (var fact in decision.Facts) state = _decider.Evolve(state, fact);

        var ops = new List<TableOperation>();
        var seq = Sequence + 1;
        var history = new Dictionary<string, object?>
        {
            ["EventId"] = eventId,
            ["EventType"] = _codec.EventType(@event),
            ["Source"] = source,
            ["RecordedAt"] = InstantPattern.ExtendedIso.Format(_now),
        };
        Chunks.Write(history, "Event", _codec.EncodeEvent(@event));
        Chunks.Write(history, "Facts", "[" + string.Join(",", decision.Facts.Select(_codec.EncodeFact)) + "]");
        ops.Add(TableOperation.Insert(new StoredEntity(_pk, JourneyKeys.History(seq), history)));
        if (inboxRowToInsert is not null)
            ops.Add(TableOperation.Insert(new StoredEntity(_pk, inboxRowToInsert,
                new Dictionary<string, object?> { ["Sequence"] = seq })));
        if (parkedRowToDelete is not null)
            ops.Add(TableOperation.Delete(_pk, parkedRowToDelete));
        var commands = decision.Commands.Where(c => !_commands.ContainsKey(c.IdempotencyKey))
            .DistinctBy(c => c.IdempotencyKey).ToList();
        foreach (var c in commands)
            ops.Add(TableOperation.Upsert(new StoredEntity(_pk, JourneyKeys.Outbox(c.IdempotencyKey),
                new Dictionary<string, object?> { ["Command"] = ReminderCommandJson.Write(c) })));

        if (EventCount > 0 && _eventOps.Count + ops.Count + TimerOperations(state).Count + 1 > MaxOperations)
            return false;
        if (_eventOps.Count + ops.Count + TimerOperations(state).Count + 1 > MaxOperations)
            throw new InvalidOperationException(
                $"event {eventId} needs more than {MaxOperations} rows in one transaction (too many commands or timers)");

        _eventOps.AddRange(ops);
        foreach (var c in commands) _commands[c.IdempotencyKey] = c;
        State = state;
        Sequence = seq;
        EventCount++;
        if (parkedRowToDelete is not null) ParkedApplied++;
        return true;
    }

    /// <summary>Timers opened or moved by this step: their due-index entries are written before the commit.</summary>
    public IReadOnlyList<JourneyTimer> TimersToIndex() =>
        _decider.OpenTimers(State).Where(t => !_timersBefore.Contains(t)).ToList();

    public IReadOnlyList<TableOperation> Operations(long parkedNext)
    {
        var ops = new List<TableOperation>(_eventOps);
        ops.AddRange(TimerOperations(State));
        var row = new Dictionary<string, object?>
        {
            ["Started"] = true,
            ["Sequence"] = Sequence,
            ["ParkedNext"] = parkedNext,
            ["ParkedApplied"] = ParkedApplied,
            ["Ended"] = _decider.IsEnded(State),
            ["UpdatedAt"] = InstantPattern.ExtendedIso.Format(_now),
        };
        Chunks.Write(row, "State", _codec.EncodeState(State));
        var entity = new StoredEntity(_pk, JourneyKeys.StateRow, row);
        ops.Add(_loaded.ETag is null ? TableOperation.Insert(entity) : TableOperation.Replace(entity, _loaded.ETag));
        return ops;
    }

    private List<TableOperation> TimerOperations(TState after)
    {
        var now = _decider.OpenTimers(after);
        var ops = new List<TableOperation>();
        foreach (var t in now.Where(t => !_timersBefore.Contains(t)))
            ops.Add(TableOperation.Upsert(new StoredEntity(_pk, JourneyKeys.Timer(t.Id), new Dictionary<string, object?>
            {
                ["TimerId"] = t.Id,
                ["DueAt"] = InstantPattern.ExtendedIso.Format(t.DueAt),
                ["DueTicks"] = t.DueAt.ToUnixTimeTicks(),
            })));
        var stillOpen = now.Select(t => t.Id).ToHashSet();
        foreach (var t in _timersBefore.Where(t => !stillOpen.Contains(t.Id)))
            ops.Add(TableOperation.Delete(_pk, JourneyKeys.Timer(t.Id)));
        return ops;
    }

    internal static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
