using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Api;
using ShortSentences.App.Journeys;
using ShortSentences.App.Journeys.Durable;
using ShortSentences.DurableHost;
using ShortSentences.Orchestration.Storage;
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

    /// <summary>
    /// The journeys' engine (the local durable host in this process) with the app's index as the journeys' read
    /// model, and what the app reads of their records.
    /// </summary>
    private static void AddEngine(IServiceCollection services, AppSettings settings, IConfiguration configuration)
    {
        var store = new JourneyStoreOptions();
        var tables = new Azure.Data.Tables.TableServiceClient(settings.StorageConnection);
        var index = new JourneyIndex(tables.GetTableClient(store.IndexTable));
        services.AddSingleton(index);
        services.AddSingleton(new JourneyRecords(tables.GetTableClient(store.JourneysTable)));
        services.AddSingleton<JourneyReader>();
        services.AddSingleton(sp => new DurableHostOptions(settings.StorageConnection, configuration["Journeys:TaskHub"] ?? "journeys")
        {
            Store = store,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(int.TryParse(configuration["Journeys:EnginePollMilliseconds"], out var ms) && ms > 0 ? ms : 250),
            Projection = _ => index,
            Decider = sp.GetRequiredService<JourneyDecider>(),
            Clock = sp.GetRequiredService<TimeProvider>(),
        });
        services.AddSingleton<JourneyEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<JourneyEngine>());
    }

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
        AddEngine(services, settings, configuration);
        services.AddSingleton(new ControlLog(tableService.GetTableClient(ControlsTable)));
        services.AddSingleton(sp => new ReminderGateway(sp.GetRequiredService<IRuntimeTables>(), sp.GetRequiredService<RuntimeOptions>(),
            new Lazy<ShortSentences.Staff.Reminders.ReminderDelivery>(() => sp.GetRequiredService<ShortSentences.Staff.Reminders.ReminderDelivery>()),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new ParkedPersonEvents(tableService.GetTableClient(ParkedPersonEvents.TableName)));
        services.AddSingleton<IJourneyOperations, DurableJourneyOperations>();
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
public sealed class StorageSetup(RuntimeOptions options, IRuntimeTables tables,
    IRuntimeQueues queues, JourneyIndex index, JourneyRecords records, ControlLog controls, ParkedPersonEvents parked)
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
                await tables.EnsureTable(options.RemindersSentTable, ct);
                await tables.EnsureTable(options.LocalSinkTable, ct);
                await queues.EnsureQueue(options.RemindersQueue, ct);
                await index.EnsureAsync(ct);
                await records.Table.CreateIfNotExistsAsync(ct);
                await controls.EnsureAsync(ct);
                await parked.EnsureAsync(ct);
                foreach (var q in new[] { LocalQueues.DomainEvents, LocalQueues.Poison(LocalQueues.DomainEvents), LocalQueues.Poison(options.RemindersQueue) })
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
