using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Json;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Tests.Loop;

/// <summary>
/// A stand-in for the engine around one execution of the journey orchestration: activities answer at once from an
/// in-memory inbox and record what they were asked; timers are instant (the clock jumps to the timer's instant,
/// plus <see cref="TimerSkew"/> to imitate a timer that fires early); a wake-up completes at once if one is pending.
/// With no wake-up pending and no timer budget left, the execution stays waiting: its task does not complete.
/// </summary>
public sealed class FakeJourneyContext(string instanceId, DateTime startUtc) : TaskOrchestrationContext
{
    /// <summary>The journey's inbox: journey events, and <see cref="Control"/> items for holds and releases.</summary>
    public List<object> Inbox { get; } = [];
    /// <summary>The sender's clock reading of inbox items, by sequence number (none: unstamped).</summary>
    public Dictionary<long, string> Stamps { get; } = [];
    public List<TurnEffects> Recorded { get; } = [];
    public List<JourneySnapshot> Projected { get; } = [];
    public List<string> RemindersQueued { get; } = [];
    public List<DateTime> TimersRequested { get; } = [];
    public List<string> ActivityCalls { get; } = [];
    public object? ContinuedWith { get; private set; }
    public bool ContinuedAsNew { get; private set; }
    public int PendingWakes { get; set; }
    /// <summary>Runs as a pending wake-up is taken (e.g. the event that caused it reaches the inbox).</summary>
    public Action? OnWake { get; set; }
    /// <summary>The copy of an inbox item a wake-up carries (null: a bare "look at your inbox").</summary>
    public Func<InboxItem?>? WakeCarries { get; set; }
    /// <summary>Runs as a timer fires (e.g. storage comes back).</summary>
    public Action? OnTimer { get; set; }
    /// <summary>How many timers may fire before the execution is left waiting.</summary>
    public int TimerBudget { get; set; } = 10;
    /// <summary>Added to a timer's instant when it fires (negative: it fires early).</summary>
    public TimeSpan TimerSkew { get; set; }
    /// <summary>Activities by name that fail (as the engine reports a failure after its retries).</summary>
    public HashSet<string> Failing { get; } = [];
    /// <summary>
    /// Activities by name whose next call never answers (its message lost by storage), each once: a later call of
    /// the same activity answers as usual.
    /// </summary>
    public HashSet<string> LostOnce { get; } = [];
    /// <summary>
    /// Activities by name whose next call answers late, each once: only when the execution next waits for a wake-up
    /// and none is pending (so a wake-up pending meanwhile comes while the activity runs).
    /// </summary>
    public HashSet<string> SlowOnce { get; } = [];
    private readonly List<Action> _slow = [];

    public DateTime Now { get; set; } = startUtc;

    public override TaskName Name => "Journey";
    public override string InstanceId => instanceId;
    public override ParentOrchestrationInstance? Parent => null;
    public override DateTime CurrentUtcDateTime => Now;
    public override bool IsReplaying => false;
    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        ActivityCalls.Add(name.Name);
        if (Failing.Contains(name.Name))
            return Task.FromException<TResult>(new TaskFailedException(name.Name, 1, new TaskFailureDetails("StorageDown", "storage is down", null, null, null)));
        if (LostOnce.Remove(name.Name)) return new TaskCompletionSource<TResult>().Task;
        if (SlowOnce.Remove(name.Name))
        {
            var late = new TaskCompletionSource<TResult>();
            _slow.Add(() => late.SetResult(Answer<TResult>(name, input)));
            return late.Task;
        }
        return Task.FromResult(Answer<TResult>(name, input));
    }

    private TResult Answer<TResult>(TaskName name, object? input)
    {
        object? result = name.Name switch
        {
            JourneyActivities.ReadInbox => Read((InboxRequest)input!),
            JourneyActivities.ApplyTurn => Apply((TurnEffects)input!),
            _ => throw new InvalidOperationException($"unknown activity {name.Name}"),
        };
        return (TResult)result!;
    }

    /// <summary>The inbox as the journey's storage would hold it (sequence numbers from 1).</summary>
    public List<InboxItem> Items() => Inbox.Select((e, i) => e switch
            {
                JourneyEvent je => new InboxItem(i + 1, je.EventId, je.Kind, JsonSerializer.Serialize(je, JourneyJson.Options), Stamps.GetValueOrDefault(i + 1)),
                Control c => new InboxItem(i + 1, $"control-{i + 1}", c.Type, "{}", Stamps.GetValueOrDefault(i + 1)),
                _ => throw new InvalidOperationException("not an inbox item"),
            })
            .ToList();

    private InboxBatch Read(InboxRequest r)
    {
        var items = Items().Where(i => i.Seq > r.AfterSeq && (r.OnlyType is null || i.EventType == r.OnlyType)).ToList();
        return new InboxBatch(items.Take(r.Max).ToList(), items.Count > r.Max);
    }

    /// <summary>As the activity does: reminders queued, the read model projected when there is something new, the turn recorded.</summary>
    private TurnRecorded Apply(TurnEffects effects)
    {
        RemindersQueued.AddRange(effects.Reminders);
        if (effects.Entries.Count > 0) Projected.Add(effects.Snapshot);
        Recorded.Add(effects);
        return RecordedFirst?.Invoke(effects) is { } other ? new TurnRecorded(other.Fingerprint, other) : new TurnRecorded(effects.Snapshot.Fingerprint, null);
    }

    /// <summary>Another decision of the turn, recorded first (as after a crash), given the turn's effects; null: none.</summary>
    public Func<TurnEffects, JourneySnapshot?>? RecordedFirst { get; set; }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        TimersRequested.Add(fireAt);
        if (PendingWakes > 0) return new TaskCompletionSource().Task; // the wake-up wins; this timer never matters
        if (TimerBudget-- <= 0) return new TaskCompletionSource().Task;
        Now = fireAt + TimerSkew;
        OnTimer?.Invoke();
        return Task.CompletedTask;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (PendingWakes > 0)
        {
            PendingWakes--;
            OnWake?.Invoke();
            return Task.FromResult(WakeCarries?.Invoke() is T carried ? carried : default(T)!);
        }
        foreach (var answer in _slow) answer();
        _slow.Clear();
        return new TaskCompletionSource<T>().Task;
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        ContinuedAsNew = true;
        ContinuedWith = newInput;
    }

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();
    public object? CustomStatus { get; private set; }
    public override void SetCustomStatus(object? customStatus) => CustomStatus = customStatus;
    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();
    public override Guid NewGuid() => Guid.NewGuid();
    public override T? GetInput<T>() where T : default => default;
}

/// <summary>A hold or release in the fake inbox (its type is one of <c>InboxControls</c>).</summary>
public sealed record Control(string Type);
