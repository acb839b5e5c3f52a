using System.Text.Json;
using Microsoft.DurableTask;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Json;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// What a turn decided, for the world to see: its reminder commands (the journeys' JSON), its history entries, and
/// the state it left, with how far the inbox has been read.
/// </summary>
public sealed record TurnEffects(JourneySnapshot Snapshot, IReadOnlyList<HistoryEntry> Entries, IReadOnlyList<string> Reminders);

/// <summary>
/// Carries out a turn's side effects in one activity, so a journey's event costs the engine one round trip (as a
/// do-nothing orchestration's does): project the read models, record the history and the state, queue the reminders,
/// and last mark the inbox decided, which is what a client waits on: by then the read models it reads next (e.g. the
/// index a following event finds its journey by) show the turn and its reminders are queued; and a reminder never goes
/// out for a turn whose record is not there. Each step is idempotent on its own, so a run cut short and run again finishes the rest:
/// a reminder key already queued is skipped (<see cref="ReminderOutbox"/>), a projection keeps only the newest
/// version it has seen (<see cref="IJourneyProjection"/>), and a record already stored is not written again
/// (<see cref="JourneyRecords"/>). A turn longer than one transaction writes its earlier entries first (same keys,
/// same content on a re-run) and the state row last.
/// </summary>
[DurableTask(JourneyActivities.ApplyTurn)]
public sealed class ApplyTurnActivity(JourneyRecords records, IEnumerable<IJourneyProjection> projections, ReminderOutbox outbox)
    : TaskActivity<TurnEffects, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, TurnEffects input)
    {
        var ct = CancellationToken.None;
        var snapshot = input.Snapshot;
        if (input.Entries.Count > 0)
        {
            var state = JourneyTurn.DecodeState(snapshot.StateJson);
            foreach (var p in projections) await p.ProjectAsync(snapshot, state, ct);
        }
        var recorded = await RecordAsync(snapshot, input.Entries, ct);
        // Also when the record was already there: a run cut short after recording has its reminders still to queue.
        if (input.Reminders.Count > 0)
            await outbox.QueueAsync(input.Reminders.Select(j => JsonSerializer.Deserialize<ReminderCommand>(j, JourneyJson.Options)!).ToList(), ct);
        await records.MarkDecidedAsync(snapshot.JourneyId, snapshot.Cursor, ct);
        return recorded;
    }

    private async Task<bool> RecordAsync(JourneySnapshot snapshot, IReadOnlyList<HistoryEntry> entries, CancellationToken ct)
    {
        var existing = await records.StateAsync(snapshot.JourneyId, ct);
        if (existing is not null && !snapshot.Supersedes(existing.Version, existing.Cursor)) return false;
        var head = Math.Max(0, entries.Count - JourneyRecords.MaxEntriesPerWrite);
        for (var i = 0; i < head; i += JourneyRecords.MaxEntriesPerWrite)
            await records.WriteEntriesAsync(snapshot.JourneyId, entries.Skip(i).Take(Math.Min(JourneyRecords.MaxEntriesPerWrite, head - i)).ToList(), ct);
        return await records.WriteAsync(snapshot, entries.Skip(head).ToList(), ct);
    }
}
