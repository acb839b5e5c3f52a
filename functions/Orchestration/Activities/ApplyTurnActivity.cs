using System.Text.Json;
using Microsoft.DurableTask;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Json;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// What a turn decided, for the world to see: its reminder commands (the journeys' JSON), its history entries, and
/// the state it left, with how far the inbox has been read; and the recorded turn it was decided from.
/// </summary>
public sealed record TurnEffects(JourneySnapshot Snapshot, IReadOnlyList<HistoryEntry> Entries, IReadOnlyList<string> Reminders,
    long FromVersion = 0, long FromCursor = 0);

/// <summary>
/// What is recorded for a turn after <see cref="ApplyTurnActivity"/>: its fingerprint
/// (<see cref="JourneySnapshot.Fingerprint"/>), and the recorded snapshot itself when it is not the one the activity was
/// given.
/// </summary>
public sealed record TurnRecorded(string Fingerprint, JourneySnapshot? Stored);

/// <summary>
/// Carries out a turn's side effects in one activity, so a journey's event costs the engine one round trip (as a
/// do-nothing orchestration's does): record the history and the state, project the read models, queue the reminders,
/// and last mark the inbox decided, which is what a client waits on (by then the index a following event finds its
/// journey by shows the turn, and its reminders are queued).
/// <para>
/// <b>The first record of a turn wins.</b> DurableTask.AzureStorage sends an episode's activity messages before it
/// writes the episode's history, so after a crash an activity of an episode that was lost runs anyway while the
/// episode, run again, may decide differently (its inbox read came back longer) and schedule the activity again; both
/// results arrive, and either may be the one the orchestration takes. So whichever run records a version first
/// decides it: every run answers with what is stored, the projection and reminders are the stored turn's, and the
/// orchestration, told that its own decision is not the one recorded, goes on from the recorded one (its cursor may
/// be earlier: the events after it are read and decided again).
/// </para>
/// Each step is idempotent on its own, so a run cut short and run again finishes the rest: a record already stored is
/// not written again (<see cref="JourneyRecords"/>), a projection keeps only the newest version it has seen
/// (<see cref="IJourneyProjection"/>), and a reminder key already queued is skipped (<see cref="ReminderOutbox"/>).
/// A turn longer than one transaction writes its earlier entries first (same keys, same content on a re-run).
/// </summary>
[DurableTask(JourneyActivities.ApplyTurn)]
public sealed class ApplyTurnActivity(JourneyRecords records, IEnumerable<IJourneyProjection> projections, ReminderOutbox outbox)
    : TaskActivity<TurnEffects, TurnRecorded>
{
    public override async Task<TurnRecorded> RunAsync(TaskActivityContext context, TurnEffects input)
    {
        var ct = CancellationToken.None;
        var mine = input.Snapshot;
        var remindersJson = JsonSerializer.Serialize(input.Reminders);
        var (stored, storedReminders) = await RecordAsync(mine, input.Entries, remindersJson, (input.FromVersion, input.FromCursor), ct);
        var state = JourneyTurn.DecodeState(stored.StateJson);
        foreach (var p in projections) await p.ProjectAsync(stored, state, ct);
        var reminders = JsonSerializer.Deserialize<List<string>>(storedReminders) ?? [];
        if (reminders.Count > 0)
            await outbox.QueueAsync(reminders.Select(j => JsonSerializer.Deserialize<ReminderCommand>(j, JourneyJson.Options)!).ToList(), ct);
        await records.MarkDecidedAsync(stored.JourneyId, stored.Cursor, ct);
        return new TurnRecorded(stored.Fingerprint, stored.Fingerprint == mine.Fingerprint ? null : stored);
    }

    /// <summary>Records the turn if the stored one is still the one it was decided from; answers what is stored.</summary>
    private async Task<(JourneySnapshot Snapshot, string RemindersJson)> RecordAsync(JourneySnapshot mine, IReadOnlyList<HistoryEntry> entries,
        string remindersJson, (long Version, long Cursor) from, CancellationToken ct)
    {
        var head = Math.Max(0, entries.Count - JourneyRecords.MaxEntriesPerWrite);
        // Entries written ahead of the state row must not overwrite those of a turn another run recorded first, so a
        // long turn looks before it writes; a turn of one transaction leaves the look to the write (one read, not two).
        if (head > 0 && await records.StoredTurnAsync(mine.JourneyId, ct) is { } existing && (existing.Snapshot.Version, existing.Snapshot.Cursor) != from)
            return existing;
        for (var i = 0; i < head; i += JourneyRecords.MaxEntriesPerWrite)
            await records.WriteEntriesAsync(mine.JourneyId, entries.Skip(i).Take(Math.Min(JourneyRecords.MaxEntriesPerWrite, head - i)).ToList(), ct);
        if (await records.WriteAsync(mine, entries.Skip(head).ToList(), from, ct, remindersJson)) return (mine, remindersJson);
        return await records.StoredTurnAsync(mine.JourneyId, ct) ?? throw new InvalidOperationException($"journey {mine.JourneyId}: no record after a write");
    }
}
