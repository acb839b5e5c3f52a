using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Api;

namespace ShortSentences.App.Functions;

/// <summary>
/// One reminder from the reminders queue, sent once (the delivery log keeps its key). One that could not be sent yet
/// fails its invocation, so the queue delivers it again, and after its maximum dequeue count (host.json) puts it in
/// the poison queue where someone can look at it.
/// </summary>
public sealed class SendReminders(OperationsEndpoints operations, ILogger<SendReminders> log)
{
    [Function(FunctionCatalog.SendRemindersFunction)]
    public async Task Run([QueueTrigger(LocalQueues.Reminders)] string reminder, long dequeueCount, CancellationToken ct)
    {
        var outcome = await operations.SendReminder(reminder, dequeueCount, ct);
        log.LogInformation("{Line}", outcome.Line);
        if (outcome.Retry) throw new ReminderNotSentYet(outcome.Line);
    }
}

/// <summary>A reminder that could not be sent yet (Notify down or refusing for now): its queue delivers it again.</summary>
public sealed class ReminderNotSentYet(string detail) : Exception(detail);
