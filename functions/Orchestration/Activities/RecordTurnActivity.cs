using Microsoft.DurableTask;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>A turn's facts for the journey's history and the state they led to.</summary>
public sealed record RecordRequest(JourneySnapshot Snapshot, IReadOnlyList<HistoryEntry> Entries);

/// <summary>
/// Records the facts of a turn: the history entries and the new state. Idempotent: history rows are keyed by their
/// sequence number, and the last write (the state row with the turn's version) is refused once that version is
/// stored, so a second run writes nothing new. A turn longer than one transaction writes its earlier entries first
/// (same keys, same content on a re-run) and the state row last.
/// </summary>
[DurableTask(JourneyActivities.RecordTurn)]
public sealed class RecordTurnActivity(JourneyRecords records) : TaskActivity<RecordRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordRequest input)
    {
        var ct = CancellationToken.None;
        var existing = await records.StateAsync(input.Snapshot.JourneyId, ct);
        if (existing is not null && existing.Version >= input.Snapshot.Version) return false;
        var entries = input.Entries;
        var head = Math.Max(0, entries.Count - JourneyRecords.MaxEntriesPerWrite);
        for (var i = 0; i < head; i += JourneyRecords.MaxEntriesPerWrite)
            await records.WriteEntriesAsync(input.Snapshot.JourneyId, entries.Skip(i).Take(Math.Min(JourneyRecords.MaxEntriesPerWrite, head - i)).ToList(), ct);
        return await records.WriteAsync(input.Snapshot, entries.Skip(head).ToList(), ct);
    }
}
