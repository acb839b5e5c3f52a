using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Api;
using ShortSentences.App.Journeys;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Runtime;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;
using ShortSentences.Storage;

namespace ShortSentences.App;

/// <summary>
/// The journeys' engine until the app moves to Durable Task (issue 10): functions/Runtime on its own storage client
/// (functions/Storage). Everything else in the app reaches storage through the Azure SDK; only this engine, its
/// storage and <see cref="RuntimeJourneyOperations"/> use these, and go with them.
/// </summary>
public static class OldRuntimeComposition
{
    public static void Add(IServiceCollection services, AppSettings settings)
    {
        // Without an AccountKey (Azure), the app's managed identity reads and writes storage (Entra ID).
        var account = StorageAccount.Parse(settings.StorageConnection,
            settings.StorageConnection.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
            || settings.StorageConnection.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase)
                ? null : new DefaultAzureCredential());
        IRuntimeTables tables = new StorageTablesAdapter(new ShortSentences.Storage.Tables.TableServiceClient(account));
        IRuntimeQueues queues = new StorageQueuesAdapter(new ShortSentences.Storage.Queues.QueueServiceClient(account));
        var options = new RuntimeOptions();
        services.AddSingleton(sp => new JourneyRuntime<JourneyState, JourneyEvent, JourneyFact>(
            sp.GetRequiredService<JourneyDecider>(), new JourneyCodec(), tables, sp.GetRequiredService<TimeProvider>(), options));
        services.AddSingleton(sp => new OutboxDispatcher(tables, queues, options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEngineStorage>(sp => new OldRuntimeStorage(
            sp.GetRequiredService<JourneyRuntime<JourneyState, JourneyEvent, JourneyFact>>(), tables, queues));
        services.AddSingleton<IJourneyOperations, RuntimeJourneyOperations>();
    }

    private sealed class OldRuntimeStorage(JourneyRuntime<JourneyState, JourneyEvent, JourneyFact> runtime, IRuntimeTables tables, IRuntimeQueues queues)
        : IEngineStorage
    {
        public Task EnsureAsync(CancellationToken ct) =>
            RuntimeWorkers<JourneyState, JourneyEvent, JourneyFact>.EnsureStorage(runtime, tables, queues, ct);
    }
}
