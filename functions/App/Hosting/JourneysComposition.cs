using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Api;
using ShortSentences.App.Journeys;
using ShortSentences.App.Journeys.Durable;
using ShortSentences.App.ServiceBus;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Rules;
using ShortSentences.Orchestration.Storage;
using ShortSentences.Staff;

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
    private static void AddEngine(IServiceCollection services, AppSettings settings, IConfiguration configuration, Azure.Data.Tables.TableServiceClient tables)
    {
        var store = new JourneyStoreOptions();
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
        // Shared Key with a key in the setting (Azurite, an account key); the app's managed identity without (Entra ID).
        var storage = StorageClients.From(settings.StorageConnection);
        var tableService = storage.Tables;
        services.AddSingleton(tableService);
        services.AddSingleton(storage.Queues);
        services.AddSingleton(new JourneyDecider());
        AddEngine(services, settings, configuration, tableService);
        services.AddSingleton(new ControlLog(tableService.GetTableClient(ControlsTable)));
        services.AddSingleton(sp => new ReminderGateway(tableService.GetTableClient(ReminderGateway.SentTable),
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
        services.AddSingleton<ShortSentences.Staff.Reminders.IDeliveryLog>(new TableDeliveryLog(tableService.GetTableClient(TableDeliveryLog.TableName)));
        services.AddStaffPages(configuration);
        services.AddDomainEventConsumer(configuration);
        if (settings.Mode == RunMode.Local && !string.Equals(configuration["Journeys:LocalTriggers"], "false", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService<LocalTriggerRunner>();
    }
}

/// <summary>Creates the tables and queues the app uses (idempotent), waiting for storage to answer.</summary>
public sealed class StorageSetup(JourneyRecords records, JourneyIndex index, ControlLog controls, ParkedPersonEvents parked,
    ReminderGateway reminders, QueueServiceClient queues)
{
    /// <summary>True once everything exists; false if storage did not answer within <paramref name="patience"/>.</summary>
    public async Task<bool> TryEnsureAsync(TimeSpan patience, CancellationToken ct)
    {
        try
        {
            await EnsureAsync(patience, ct);
            return true;
        }
        catch (Exception e) when (IsUnanswered(e))
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
                await records.Table.CreateIfNotExistsAsync(ct);
                await index.EnsureAsync(ct);
                await controls.EnsureAsync(ct);
                await parked.EnsureAsync(ct);
                await reminders.EnsureAsync(ct);
                foreach (var q in new[] { LocalQueues.DomainEvents, LocalQueues.Poison(LocalQueues.DomainEvents), LocalQueues.Reminders, LocalQueues.Poison(LocalQueues.Reminders) })
                    await queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: ct);
                return;
            }
            catch (Exception e) when (IsUnanswered(e) && !ct.IsCancellationRequested && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, ct);
            }
        }
    }

    /// <summary>
    /// Storage not answering, or answering with an error: the SDK throws RequestFailedException (status 0 when
    /// nothing answered), or an AggregateException of its retries, or TaskCanceledException when its timeout passed.
    /// </summary>
    private static bool IsUnanswered(Exception e) =>
        e is HttpRequestException or Azure.RequestFailedException or TaskCanceledException
        || e is AggregateException a && a.InnerExceptions.All(IsUnanswered);
}
