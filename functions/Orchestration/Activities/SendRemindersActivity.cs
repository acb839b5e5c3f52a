using System.Text.Json;
using Microsoft.DurableTask;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Json;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.Orchestration.Activities;

/// <summary>
/// Hands a turn's reminder commands (as the journeys' JSON) to the delivery, each with its idempotency key. A key
/// already queued is skipped; one queued twice after a crash is sent once by the delivery, which records the keys it sent.
/// </summary>
[DurableTask(JourneyActivities.SendReminders)]
public sealed class SendRemindersActivity(ReminderOutbox outbox) : TaskActivity<IReadOnlyList<string>, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, IReadOnlyList<string> input) =>
        outbox.QueueAsync(input.Select(j => JsonSerializer.Deserialize<ReminderCommand>(j, JourneyJson.Options)!).ToList(), CancellationToken.None);
}
