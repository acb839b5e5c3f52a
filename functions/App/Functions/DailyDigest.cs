using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Api;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.App.Functions;

/// <summary>Every 15 minutes: the day's digest e-mails, once their send time has passed (each at most once a day).</summary>
public sealed class DailyDigest(DigestSender digests, ReminderOptions reminders, ILogger<DailyDigest> log)
{
    [Function(FunctionCatalog.DailyDigestFunction)]
    public async Task Run([TimerTrigger(FunctionCatalog.DailyDigestSchedule)] TimerInfo timer, CancellationToken ct) =>
        log.LogInformation("{Line}", await OperationsEndpoints.DailyDigest(digests, reminders, ct));
}
