using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Api;
using ShortSentences.App.Journeys;
using ShortSentences.App.ServiceBus;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Runtime;
using ShortSentences.Runtime.Storage;
using ShortSentences.Runtime.Workers;
using ShortSentences.Staff;
using ShortSentences.Storage;
using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;

namespace ShortSentences.App;

/// <summary>The real wiring behind the endpoints: storage, the durable runtime with the journey decider, the index,
/// the staff reminder delivery and pages, and locally the trigger runner.</summary>
public static class JourneysComposition
{
    public const string IndexTable = "journeyindex";
    public const string ControlsTable = "journeycontrols";

    public static void Add(IServiceCollection services, AppSettings settings, IConfiguration configuration)
    {
        // Without an AccountKey (Azure), the app's managed identity reads and writes storage (Entra ID).
        var account = StorageAccount.Parse(settings.StorageConnection,
            settings.StorageConnection.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
            || settings.StorageConnection.Contains("UseDevelopmentStorage", StringComparison.OrdinalIgnoreCase)
                ? null : new DefaultAzureCredential());
        var tableService = new TableServiceClient(account);
        var queueService = new QueueServiceClient(account);
        services.AddSingleton(account);
        services.AddSingleton(tableService);
        services.AddSingleton(queueService);
        services.AddSingleton<IRuntimeTables>(new StorageTablesAdapter(tableService));
        services.AddSingleton<IRuntimeQueues>(new StorageQueuesAdapter(queueService));
        services.AddSingleton(new RuntimeOptions());
        services.AddSingleton(new JourneyDecider());
        services.AddSingleton(sp => new JourneyRuntime<JourneyState, JourneyEvent, JourneyFact>(
            sp.GetRequiredService<JourneyDecider>(), new JourneyCodec(), sp.GetRequiredService<IRuntimeTables>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RuntimeOptions>()));
        services.AddSingleton(sp => new OutboxDispatcher(sp.GetRequiredService<IRuntimeTables>(), sp.GetRequiredService<IRuntimeQueues>(),
            sp.GetRequiredService<RuntimeOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new JourneyIndex(tableService.GetTableClient(IndexTable)));
        services.AddSingleton(new ControlLog(tableService.GetTableClient(ControlsTable)));
        services.AddSingleton(sp => new ReminderGateway(sp.GetRequiredService<IRuntimeTables>(), sp.GetRequiredService<RuntimeOptions>(),
            new Lazy<ShortSentences.Staff.Reminders.ReminderDelivery>(() => sp.GetRequiredService<ShortSentences.Staff.Reminders.ReminderDelivery>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new ParkedPersonEvents(tableService.GetTableClient(ParkedPersonEvents.TableName)));
        services.AddSingleton<IJourneyOperations, RuntimeJourneyOperations>();
        services.AddSingleton<StorageSetup>();
        // The end of a storage outage is found by creating the tables and queues again: lost ones come back too.
        services.AddSingleton(sp => new ShortSentences.App.Http.StorageOutage(sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ShortSentences.App.Http.StorageOutage>>(),
            ct => sp.GetRequiredService<StorageSetup>().TryEnsureAsync(TimeSpan.FromSeconds(2), ct)));
        // Registered before the staff pages so their sample data stands aside for the real journeys.
        services.AddSingleton<ShortSentences.Staff.Caseload.ICaseloadReader, IndexCaseloadReader>();
        // The pages' "Mark as done" goes through the same operation as the API's task completion.
        services.AddSingleton<ShortSentences.Staff.Actions.IJourneyActions, OperationsJourneyActions>();
        // Before the staff pages (which fill in an in-memory log only when none is registered): claims in a table
        // survive restarts and are shared by every worker, so a reminder is sent once.
        services.AddSingleton<ShortSentences.Staff.Reminders.IDeliveryLog>(sp =>
            new TableDeliveryLog(sp.GetRequiredService<IRuntimeTables>(), sp.GetRequiredService<RuntimeOptions>()));
        services.AddStaffPages(configuration);
        services.AddDomainEventConsumer(configuration);
        if (settings.Mode == RunMode.Local && !string.Equals(configuration["Journeys:LocalTriggers"], "false", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService<LocalTriggerRunner>();
    }
}

/// <summary>Creates the tables and queues the app uses (idempotent), waiting for storage to answer.</summary>
public sealed class StorageSetup(JourneyRuntime<JourneyState, JourneyEvent, JourneyFact> runtime, IRuntimeTables tables,
    IRuntimeQueues queues, JourneyIndex index, ControlLog controls, ParkedPersonEvents parked)
{
    /// <summary>True once everything exists; false if storage did not answer within <paramref name="patience"/>.</summary>
    public async Task<bool> TryEnsureAsync(TimeSpan patience, CancellationToken ct)
    {
        try
        {
            await EnsureAsync(patience, ct);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or StorageRequestException or Azure.RequestFailedException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task EnsureAsync(TimeSpan patience, CancellationToken ct)
    {
        var deadline = patience == TimeSpan.MaxValue ? DateTime.MaxValue : DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                await RuntimeWorkers<JourneyState, JourneyEvent, JourneyFact>.EnsureStorage(runtime, tables, queues, ct);
                await index.EnsureAsync(ct);
                await controls.EnsureAsync(ct);
                await parked.EnsureAsync(ct);
                foreach (var q in new[] { LocalQueues.DomainEvents, LocalQueues.Poison(LocalQueues.DomainEvents), LocalQueues.Poison(runtime.Options.RemindersQueue) })
                    await queues.EnsureQueue(q, ct);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or StorageRequestException or Azure.RequestFailedException or TaskCanceledException && !ct.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, ct);
            }
        }
    }
}
