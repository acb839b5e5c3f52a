using System.Text.Json;
using Microsoft.DurableTask;
using NodaTime;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Activities;

namespace ShortSentences.Orchestration.Loop;

/// <summary>
/// One journey as an eternal Durable Task orchestration around the pure decider (ARCHITECTURE D2). Each execution:
/// read the inbox after the carried cursor, decide each event and every timer already due, run the side effects as
/// activities (record the facts and state, project the read model, queue reminders) and continue as new with the new
/// state. With nothing to do it waits for the earlier of the next timer and a wake-up, then looks again.
/// <para>
/// The wake-up carries no event (events are in the inbox, see <c>JourneyInbox</c>), so one lost by the local
/// sidecar's ContinueAsNew bug, or raised before the instance existed, loses nothing: every execution reads its inbox
/// first. A timer that fires early (Azure Storage timers can be up to about 1 s early) finds nothing due and waits
/// again: the journey never acts before the due instant, because due is judged against the orchestration's clock.
/// </para>
/// </summary>
[DurableTask(Name)]
public sealed class JourneyOrchestration(IDecider<JourneyState, JourneyEvent, JourneyFact> decider) : TaskOrchestrator<JourneyCarry?, string?>
{
    public const string Name = "Journey";
    /// <summary>The external event that tells a journey its inbox has something new.</summary>
    public const string WakeEvent = "inbox";
    /// <summary>Events decided in one execution; more wait for the next (the orchestration's payloads stay small).</summary>
    public const int InboxBatch = 20;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(20)));

    /// <summary>After the retries of a turn's activities are spent (storage down), the turn is retried this much later.</summary>
    public static readonly TimeSpan TurnRetryDelay = TimeSpan.FromSeconds(30);

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
        context.SetCustomStatus(held ? InboxControls.HeldStatus : null);
        while (true)
        {
            InboxBatch batch;
            var request = new InboxRequest(id, cursor, InboxBatch, held ? InboxControls.Release : null);
            try { batch = await context.CallActivityAsync<InboxBatch>(JourneyActivities.ReadInbox, request, Retry); }
            catch (TaskFailedException) { return await RetryLater(context, carry); }
            var now = Now(context);
            if (held && batch.Items.Count > 0)
            {
                // Released: the events after the hold are read again from the hold on, and decided now.
                held = false;
                context.SetCustomStatus(null);
                continue;
            }
            var more = batch.More;
            foreach (var item in batch.Items)
            {
                if (item.EventType == InboxControls.Hold)
                {
                    held = true;
                    cursor = item.Seq;
                    more = false; // what follows the hold waits for its release
                    context.SetCustomStatus(InboxControls.HeldStatus);
                    break;
                }
                if (item.EventType != InboxControls.Release) turn.Apply(JourneyTurn.DecodeEvent(item.EventJson), now);
                cursor = item.Seq;
            }
            if (!held) turn.FireDueTimers(now);

            if (turn.Changed || cursor != carry.InboxCursor || held != carry.Held)
            {
                try { await RunEffects(context, id, turn); }
                catch (TaskFailedException) { return await RetryLater(context, carry); }
                if (turn.Ended && !more && !held) return $"ended: {turn.State.EndReason}";
                context.ContinueAsNew(new JourneyCarry(JourneyTurn.EncodeState(turn.State), cursor, turn.HistorySize, held), preserveUnprocessedEvents: false);
                return null;
            }
            if (turn.Ended) return $"ended: {turn.State.EndReason}";
            await WaitForWork(context, held ? null : turn.NextTimer(), now + Duration.FromTimeSpan(LongestWait));
        }
    }

    /// <summary>The side effects of a turn, side by side: each is idempotent and none depends on another's result.</summary>
    private static async Task RunEffects(TaskOrchestrationContext context, string id, JourneyTurn turn)
    {
        var effects = new List<Task>(3);
        if (turn.Changed)
        {
            var snapshot = turn.Snapshot(id);
            effects.Add(context.CallActivityAsync<bool>(JourneyActivities.RecordTurn, new RecordRequest(snapshot, turn.Entries), Retry));
            effects.Add(context.CallActivityAsync<bool>(JourneyActivities.Project, snapshot, Retry));
        }
        if (turn.Commands.Count > 0)
            effects.Add(context.CallActivityAsync<int>(JourneyActivities.SendReminders,
                turn.Commands.Select(c => JsonSerializer.Serialize(c, JourneyJson.Options)).ToList(), Retry));
        await Task.WhenAll(effects);
    }

    /// <summary>Waits for a wake-up or the next timer, whichever comes first, and never past <paramref name="latest"/>.</summary>
    private static async Task WaitForWork(TaskOrchestrationContext context, Instant? nextTimer, Instant latest)
    {
        using var cancel = new CancellationTokenSource();
        var wake = context.WaitForExternalEvent<long>(WakeEvent, cancel.Token);
        var due = nextTimer is { } next && next < latest ? next : latest;
        var timer = context.CreateTimer(due.ToDateTimeUtc(), cancel.Token);
        await Task.WhenAny(wake, timer);
        // The loser must stop waiting: a waiter left behind would swallow the next wake-up.
        cancel.Cancel();
    }

    /// <summary>Storage failed beyond the activities' retries: the same turn again later, from the same carried state.</summary>
    private static async Task<string?> RetryLater(TaskOrchestrationContext context, JourneyCarry carry)
    {
        await context.CreateTimer(TurnRetryDelay, CancellationToken.None);
        context.ContinueAsNew(carry, preserveUnprocessedEvents: false);
        return null;
    }

    private static Instant Now(TaskOrchestrationContext context) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
}
