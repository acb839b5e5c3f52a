using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Api;
using ShortSentences.App.Http;
using ShortSentences.App.ServiceBus;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.App;

/// <summary>
/// ARCHITECTURE D4: locally there is no Functions host, so this stands in for it. It polls the Azurite queues that
/// stand in for the Service Bus subscription (<see cref="LocalQueues.DomainEvents"/>) and for the reminders queue, and
/// on each tick of its timer runs the deadline sweep and the daily digests (as the DueDeadlines and DailyDigest
/// timers do in Azure). Domain events go to <see cref="DomainEventConsumer"/>, as the Service Bus processor's do
/// in Azure (a malformed one is dead-lettered to "&lt;queue&gt;-poison" with its reason). Reminders and the timer go to
/// the same <see cref="OperationsEndpoints"/> methods as the SendReminders and DueDeadlines functions; like the
/// host's queue trigger, it deletes a reminder only when it was handled and moves one that failed 5 times to
/// "&lt;queue&gt;-poison".
/// </summary>
public sealed class LocalTriggerRunner(OperationsEndpoints operations, DigestSender digests, ReminderOptions reminders, DomainEventConsumer domainEvents, QueueServiceClient queues, AppSettings settings,
    TimeProvider clock, StorageOutage outage, ILogger<LocalTriggerRunner> log) : BackgroundService
{
    public const int MaxDequeueCount = 5;

    protected override Task ExecuteAsync(CancellationToken ct) => Task.WhenAll(
        PollAsync(LocalQueues.DomainEvents, "DomainEvents", serviceBus: true, ct),
        PollAsync(LocalQueues.Reminders, FunctionCatalog.SendRemindersFunction, serviceBus: false, ct),
        TimerAsync(ct));

    private async Task PollAsync(string queue, string function, bool serviceBus, CancellationToken ct)
    {
        var source = queues.GetQueueClient(queue);
        var poison = queues.GetQueueClient(LocalQueues.Poison(queue));
        // One line when polling starts failing and one when it works again: not one per poll while storage is down.
        var failing = false;
        while (!ct.IsCancellationRequested)
        {
            var took = 0;
            try
            {
                var messages = (await source.ReceiveMessagesAsync(16, TimeSpan.FromSeconds(30), ct)).Value;
                if (failing) { log.LogWarning("{Function}: polling {Queue} works again", function, queue); failing = false; }
                took = messages.Length;
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (m, token) =>
                {
                    // Domain events: the same consumer and settlement decisions as the Service Bus subscription in Azure.
                    if (serviceBus)
                    {
                        await domainEvents.HandleAsync(new QueueDomainEventMessage(source, poison, m, MaxDequeueCount), token);
                        return;
                    }
                    var text = m.Body.ToString();
                    var outcome = await SendReminderAsync(text, m.DequeueCount, token);
                    if (!outcome.Retry) await source.CompleteAsync(m, token);
                    else if (m.DequeueCount >= MaxDequeueCount)
                    {
                        await poison.SendForeverAsync(text, token);
                        await source.CompleteAsync(m, token);
                        log.LogWarning("{Function}: message {Id} failed {Count} times; moved to {Poison}", function, m.MessageId, m.DequeueCount, LocalQueues.Poison(queue));
                    }
                    else await source.AbandonAsync(m, TimeSpan.FromSeconds(Math.Min(30, 2 * m.DequeueCount)), token);
                });
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            // During an outage, and just after storage answers again but before the probe has recreated the queues
            // (404 QueueNotFound), a failed poll is part of the outage, already logged once.
            catch (Exception e) when (StorageOutage.IsStorageUnreachable(e) || outage.IsDown)
            {
                outage.Report($"polling {queue}", e);
                took = 0;
            }
            catch (Exception e)
            {
                if (!failing) log.LogWarning("{Function}: polling {Queue} failed ({Error}); trying again quietly until it works", function, queue, e.GetType().Name);
                failing = true;
                took = 0;
            }
            if (took == 0)
                try { await Task.Delay(settings.QueuePollInterval, clock, ct); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>
    /// One reminder, as the host's queue trigger runs it: a failure (storage, Notify) is a retry of this message, not
    /// of the poll; storage not answering is part of the outage, already logged once.
    /// </summary>
    private async Task<TriggerOutcome> SendReminderAsync(string text, long dequeueCount, CancellationToken ct)
    {
        try
        {
            var outcome = await operations.SendReminder(text, dequeueCount, ct);
            if (outcome.Retry) log.LogInformation("{Function}: {Line}", FunctionCatalog.SendRemindersFunction, outcome.Line);
            else log.LogDebug("{Function}: {Line}", FunctionCatalog.SendRemindersFunction, outcome.Line);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (StorageOutage.IsStorageUnreachable(e) || outage.IsDown) outage.Report(FunctionCatalog.SendRemindersFunction, e);
            else log.LogWarning("{Function}: attempt {Count} failed ({Error}); the message is delivered again", FunctionCatalog.SendRemindersFunction, dequeueCount, e.GetType().Name);
            return new TriggerOutcome(Retry: true, $"attempt {dequeueCount} failed");
        }
    }

    private async Task TimerAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                log.LogDebug("{Line}", await operations.DueDeadlines(pastDue: false, ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (StorageOutage.IsStorageUnreachable(e) || outage.IsDown) { outage.Report(FunctionCatalog.DueDeadlinesFunction, e); }
            catch (Exception e) { log.LogWarning("DueDeadlines could not run ({Error})", e.GetType().Name); }
            try { log.LogDebug("{Line}", await OperationsEndpoints.DailyDigest(digests, reminders, ct)); }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (StorageOutage.IsStorageUnreachable(e) || outage.IsDown) { outage.Report(FunctionCatalog.DailyDigestFunction, e); }
            catch (Exception e) { log.LogWarning("DailyDigest could not run ({Error}: {Message})", e.GetType().Name, e.Message); }
            try { await Task.Delay(settings.TimerInterval, clock, ct); } catch (OperationCanceledException) { return; }
        }
    }
}

/// <summary>The queues the local runner reads: the stand-in for the Service Bus subscription, and reminders.</summary>
public static class LocalQueues
{
    /// <summary>Local stand-in for topic hmpps-domain-events, subscription short-sentence-journeys.</summary>
    public const string DomainEvents = "hmpps-domain-events";

    /// <summary>The outbox's reminder commands, which the SendReminders function takes in Azure.</summary>
    public const string Reminders = "reminders";

    public static string Poison(string queue) => queue + "-poison";
}
