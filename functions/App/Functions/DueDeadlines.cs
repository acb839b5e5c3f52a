using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Api;
using ShortSentences.App.IsolatedWorker;

namespace ShortSentences.App.Functions;

/// <summary>Every minute: tells the time to journeys whose deadline passed without them acting (a timer lost, an engine down).</summary>
public sealed class DueDeadlines(OperationsEndpoints operations, InvocationJourneyEngine engine, ILogger<DueDeadlines> log)
{
    [Function(FunctionCatalog.DueDeadlinesFunction)]
    public async Task Run([TimerTrigger(FunctionCatalog.DueDeadlinesSchedule)] TimerInfo timer, [DurableClient] DurableTaskClient durable,
        CancellationToken ct) =>
        log.LogInformation("{Line}", await engine.WithClientAsync(durable, () => operations.DueDeadlines(timer.IsPastDue, ct)));
}
