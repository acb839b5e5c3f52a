using ShortSentences.Journeys.Durable;

namespace ShortSentences.Staff.Reminders;

/// <summary>
/// Counts for a run of the delivery pipeline (a simulation, a day's work): commands raised and reminders recorded by
/// kind, what happened to them, e-mails the channel sent, and duplicates, an e-mail reference sent more than once,
/// which exactly-once delivery must keep at zero.
/// </summary>
public sealed record ReminderTally(
    int Commands,
    int DistinctKeys,
    IReadOnlyDictionary<string, int> RaisedByKind,
    IReadOnlyDictionary<string, int> RecordsByStatus,
    int EmailsSent,
    int DuplicateEmails)
{
    public static ReminderTally Of(IEnumerable<ReminderCommand> commands, IEnumerable<DeliveryRecord> records, IEnumerable<string> sentReferences)
    {
        var all = commands.ToList();
        var references = sentReferences.ToList();
        return new ReminderTally(
            all.Count,
            all.Select(c => c.IdempotencyKey).Distinct(StringComparer.Ordinal).Count(),
            Enum.GetValues<ReminderKind>().ToDictionary(k => k.ToString(), k => all.Count(c => c.Kind == k)),
            records.GroupBy(r => r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count()),
            references.Count,
            references.Count - references.Distinct(StringComparer.Ordinal).Count());
    }
}
