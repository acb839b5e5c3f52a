using System.Text.Json;
using Microsoft.DurableTask;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// One journey as an eternal Durable Task orchestration around the pure decider (ARCHITECTURE D2). A turn: take the
/// next events (from the wake-up that brought one, or from the inbox), decide them and every timer already due, run
/// the side effects in one activity (queue reminders, project the read model, record the facts and state), then wait for
/// the earlier of the next timer and the next wake-up. After <see cref="TurnsPerExecution"/> turns it continues as new
/// with the new state, so its history stays short.
/// <para>
/// Every event is in the journey's table inbox before its wake-up is raised (see <c>JourneyInbox</c>); the wake-up
/// carries a copy, and the copy is used only when it is the very next event of the inbox. So a wake-up lost by the
/// local sidecar's ContinueAsNew bug (it drops events buffered when an execution continues as new), or raised before
/// the instance existed, loses nothing: each execution starts by reading its inbox, and a gap in the sequence makes
/// the journey read it too. A timer that fires early (Azure Storage timers can be up to about 1 s early) finds
/// nothing due and waits again: due is judged against the journey's clock, which is the engine's, shifted to the
/// product's clock as the inbox items' stamps tell it (<see cref="JourneyClock"/>).
/// </para>
/// <para>
/// Activities are awaited together with wake-ups (<see cref="Run{T}"/>): one taken meanwhile is kept for the next
/// turn, and one that comes after the activity has been outstanding for <see cref="ActivityPatience"/> has it called
/// again. Storage that lost its last writes in a crash (Azurite SIGKILLed: its queues and tables are saved apart) can
/// keep the episode that scheduled an activity and lose the activity's message; the journey would wait for it for
/// ever, while the events sent again for it are only buffered. The activities are idempotent, so a second call of
/// one that was only slow does no harm.
/// </para>
/// <para>
/// An operator's hold (<see cref="InboxControls"/>) is an item of the inbox too: from it on nothing is decided and no
/// timer fires, and the journey looks only for a release.
/// </para>
/// </summary>
[DurableTask(Name)]
public sealed class JourneyOrchestration(IDecider<JourneyState, JourneyEvent, JourneyFact> decider, int turnsPerExecution = JourneyOrchestration.TurnsPerExecution)
    : TaskOrchestrator<JourneyCarry?, string?>
{
    public const string Name = "Journey";
    /// <summary>The external event that tells a journey its inbox has something new (an <see cref="InboxItem"/>).</summary>
    public const string WakeEvent = "inbox";
    /// <summary>Events read from the inbox at once; more are read in the next turn.</summary>
    public const int InboxBatch = 20;
    /// <summary>Turns one execution takes, by default, before it continues as new (bounds its history, and so its replay).</summary>
    public const int TurnsPerExecution = 10;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(20)));

    /// <summary>After the retries of an activity are spent (storage down), it is tried again this much later.</summary>
    public static readonly TimeSpan TurnRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long an activity may be outstanding before a wake-up has it called again (taken to be lost). Longer than
    /// its retries take while storage is down (about 31 s of back-off), so an outage alone does not double the calls.
    /// </summary>
    public static readonly TimeSpan ActivityPatience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The longest a journey waits without looking at its inbox. An event whose wake-up was never raised (the client
    /// stopped between taking the event and waking the journey, and nobody sent it again) is found by then.
    /// </summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(7);

    public override async Task<string?> RunAsync(TaskOrchestrationContext context, JourneyCarry? input)
    {
        var carry = input ?? JourneyCarry.Fresh;
        var id = context.InstanceId;
        var turn = JourneyTurn.Resume(decider, id, carry);
        var cursor = carry.InboxCursor;
        var held = carry.Held;
        var clock = carry.Clock ?? JourneyClock.Engine;
        context.SetCustomStatus(held ? InboxControls.HeldStatus : null);
        InboxItem? woken = null;
        var meanwhile = new List<InboxItem?>(); // wake-ups taken while an activity ran
        var readBeforeWaiting = false;
        for (var turns = 0; ;)
        {
            var (items, more) = woken is { } w && !held && w.Seq == cursor + 1
                ? ([w], false)
                : await ReadInbox(context, new InboxRequest(id, cursor, InboxBatch, held ? InboxControls.Release : null), meanwhile);
            woken = null;
            var engineNow = EngineNow(context);
            if (held && items.Count > 0)
            {
                // Released: the events after the hold are read again from the hold on, and decided now.
                held = false;
                context.SetCustomStatus(null);
                continue;
            }
            var (cursorBefore, heldBefore, versionBefore) = (cursor, held, turn.HistorySize);
            foreach (var item in items)
            {
                clock = clock.Learn(item.At, engineNow);
                if (item.EventType == InboxControls.Hold)
                {
                    held = true;
                    cursor = item.Seq;
                    more = false; // what follows the hold waits for its release
                    context.SetCustomStatus(InboxControls.HeldStatus);
                    break;
                }
                if (!InboxControls.IsControl(item.EventType)) turn.Apply(JourneyTurn.DecodeEvent(item.EventJson), clock.Now(engineNow));
                cursor = item.Seq;
            }
            var now = clock.Now(engineNow);
            clock = clock.Seen(now);
            if (!held) turn.FireDueTimers(now);

            if (turn.Changed || cursor != cursorBefore || held != heldBefore)
            {
                // Also when nothing changed: the record says how far the inbox is decided, which a client waits on.
                var recorded = await RunEffects(context, id, turn, cursor, held, (versionBefore, cursorBefore), meanwhile);
                if (recorded is not null)
                {
                    // Another decision of this turn was recorded first (a crash let it be decided twice): go on from it.
                    turn = new JourneyTurn(decider, JourneyTurn.DecodeState(recorded.StateJson), recorded.Version);
                    (cursor, held, more) = (recorded.Cursor, recorded.Held, true);
                    context.SetCustomStatus(held ? InboxControls.HeldStatus : null);
                }
                if (turn.Ended && !more && !held) return $"ended: {turn.State.EndReason}";
                if (more || ++turns >= turnsPerExecution)
                {
                    context.ContinueAsNew(new JourneyCarry(JourneyTurn.EncodeState(turn.State), cursor, turn.HistorySize, held, clock), preserveUnprocessedEvents: false);
                    return null;
                }
                turn = new JourneyTurn(decider, turn.State, turn.HistorySize);
            }
            else if (turn.Ended) return $"ended: {turn.State.EndReason}";
            // The first wait of an execution reads the inbox once more before it: wake-ups raised before the instance's
            // first checkpoint can be discarded by the provider ("no such instance"), and an inbox read made before a
            // crash can come back after it.
            if (!readBeforeWaiting) { readBeforeWaiting = true; continue; }
            // Wake-ups that came during the turn: their events are next (one alone may be taken from its copy), unless
            // the turn has decided them already.
            meanwhile.RemoveAll(m => m is not null && m.Seq <= cursor);
            if (meanwhile.Count > 0)
            {
                woken = meanwhile.Count == 1 ? meanwhile[0] : null;
                meanwhile.Clear();
                continue;
            }
            // A timer that came due while the effects ran fires at once; new events' wake-ups reach this execution.
            var nextTimer = held ? null : turn.NextTimer();
            woken = await WaitForWork(context, nextTimer is { } t ? clock.EngineTime(t) : null, engineNow + Duration.FromTimeSpan(LongestWait));
        }
    }

    /// <summary>Reads the inbox (see <see cref="Run{T}"/>).</summary>
    private static async Task<(IReadOnlyList<InboxItem> Items, bool More)> ReadInbox(TaskOrchestrationContext context, InboxRequest request,
        List<InboxItem?> meanwhile)
    {
        var batch = await Run<InboxBatch>(context, JourneyActivities.ReadInbox, request, meanwhile);
        return (batch.Items, batch.More);
    }

    /// <summary>
    /// The side effects of a turn, in one activity (<see cref="ApplyTurnActivity"/>), the same snapshot and entries
    /// however often it is tried. Answers null when this decision is the one recorded, or the recorded one when another
    /// decision of the same turn was recorded first.
    /// </summary>
    private static async Task<JourneySnapshot?> RunEffects(TaskOrchestrationContext context, string id, JourneyTurn turn, long cursor, bool held,
        (long Version, long Cursor) from, List<InboxItem?> meanwhile)
    {
        var snapshot = turn.Snapshot(id, cursor) with { Held = held };
        var effects = new TurnEffects(snapshot, turn.Entries, turn.Commands.Select(c => JsonSerializer.Serialize(c, JourneyJson.Options)).ToList(),
            from.Version, from.Cursor);
        var recorded = await Run<TurnRecorded>(context, JourneyActivities.ApplyTurn, effects, meanwhile);
        if (recorded.Fingerprint == snapshot.Fingerprint) return null;
        return recorded.Stored ?? await Run<JourneySnapshot>(context, JourneyActivities.ReadRecord, id, meanwhile);
    }

    /// <summary>
    /// Runs an activity until it is done. While storage is down (its retries spent) it is tried again every
    /// <see cref="TurnRetryDelay"/>; nothing is decided meanwhile. Wake-ups that come while it runs are kept in
    /// <paramref name="meanwhile"/>; one that comes after <see cref="ActivityPatience"/> has it called again.
    /// </summary>
    private static async Task<T> Run<T>(TaskOrchestrationContext context, string activity, object input, List<InboxItem?> meanwhile)
    {
        while (true)
        {
            var since = EngineNow(context);
            var call = context.CallActivityAsync<T>(activity, input, Retry);
            while (!call.IsCompleted)
            {
                if (await WaitWhile(context, call) is not { } wake) break;
                meanwhile.Add(wake.Item);
                if (EngineNow(context) - since >= Duration.FromTimeSpan(ActivityPatience)) break;
            }
            if (!call.IsCompleted) continue; // taken to be lost: called again
            try { return await call; }
            catch (TaskFailedException)
            {
                // A wake-up during the pause is kept too; the pause still runs out before the next try.
                var pause = context.CreateTimer(TurnRetryDelay, CancellationToken.None);
                while (await WaitWhile(context, pause) is { } wake) meanwhile.Add(wake.Item);
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="work"/> completes or a wake-up comes, whichever is first; answers the wake-up
    /// (with the item it carried), or null once the work is done.
    /// </summary>
    private static async Task<Wake?> WaitWhile(TaskOrchestrationContext context, Task work)
    {
        if (work.IsCompleted) return null;
        using var cancel = new CancellationTokenSource();
        var wake = context.WaitForExternalEvent<InboxItem?>(WakeEvent, cancel.Token);
        var first = await Task.WhenAny(work, wake);
        if (first == wake) return new Wake(await wake);
        // The waiter must stop: one left behind would swallow the next wake-up.
        cancel.Cancel();
        return null;
    }

    /// <summary>
    /// Waits for a wake-up or the next timer (an engine instant), whichever comes first, and never past
    /// <paramref name="latest"/>; answers the inbox item the wake-up brought (null after a timer).
    /// </summary>
    private static async Task<InboxItem?> WaitForWork(TaskOrchestrationContext context, Instant? nextTimer, Instant latest)
    {
        using var cancel = new CancellationTokenSource();
        var wake = context.WaitForExternalEvent<InboxItem?>(WakeEvent, cancel.Token);
        var due = nextTimer is { } next && next < latest ? next : latest;
        var timer = context.CreateTimer(due.ToDateTimeUtc(), cancel.Token);
        var first = await Task.WhenAny(wake, timer);
        // The loser must stop waiting: a waiter left behind would swallow the next wake-up.
        cancel.Cancel();
        return first == wake ? await wake : null;
    }

    /// <summary>A wake-up taken, with the copy of the inbox item it carried (null: "look at your inbox").</summary>
    private sealed record Wake(InboxItem? Item);

    private static Instant EngineNow(TaskOrchestrationContext context) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
