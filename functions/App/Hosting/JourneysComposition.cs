using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.Api;
using ShortSentences.App.Journeys;
using ShortSentences.App.Journeys.Durable;
using ShortSentences.App.ServiceBus;
using ShortSentences.App.IsolatedWorker;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Rules;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;
using ShortSentences.Staff;

namespace ShortSentences.App;

/// <summary>The real wiring behind the endpoints: storage, the durable runtime with the journey decider, the index,
/// the staff reminder delivery and pages, and locally the trigger runner.</summary>
public static class JourneysComposition
{
    public const string IndexTable = "journeyindex";
    public const string ControlsTable = "journeycontrols";

    /// <summary>The Durable Task hub's name, locally by default and in Azure (host.json's durableTask.hubName).</summary>
    public const string DefaultTaskHub = "journeys";

    /// <summary>
    /// The journeys' engine (the local durable host in this process) with the app's index as the journeys' read
    /// model, and what the app reads of their records.
    /// </summary>
    private static void AddLocalEngine(IServiceCollection services, AppSettings settings, IConfiguration configuration, Azure.Data.Tables.TableServiceClient tables)
    {
        var store = new JourneyStoreOptions();
        var index = AddReadModel(services, tables, store);
        services.AddSingleton(new JourneyRecords(tables.GetTableClient(store.JourneysTable)));
        services.AddSingleton(sp => EngineOptions(settings, configuration, store, index, sp.GetRequiredService<JourneyDecider>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<JourneyEngine>();
        services.AddSingleton<IJourneyEngine>(sp => sp.GetRequiredService<JourneyEngine>());
        services.AddHostedService(sp => sp.GetRequiredService<JourneyEngine>());
    }

    /// <summary>
    /// Under the Functions host its Durable extension is the engine: the app gives it the journey orchestration and
    /// the activities' services (the same ones the local durable host registers), and drives journeys through each
    /// invocation's client.
    /// </summary>
    private static void AddFunctionsEngine(IServiceCollection services, AppSettings settings, IConfiguration configuration, Azure.Data.Tables.TableServiceClient tables, JourneyDecider decider)
    {
        var store = new JourneyStoreOptions();
        var index = AddReadModel(services, tables, store);
        var options = EngineOptions(settings, configuration, store, index, decider, TimeProvider.System);
        LocalDurableHost.AddJourneyServices(services, options);
        services.AddSingleton(store);
        services.AddSingleton(new JourneyOrchestration(decider));
        foreach (var activity in JourneyTasks.Activities.Values) services.AddSingleton(activity);
        services.AddSingleton<InvocationJourneyEngine>();
        services.AddSingleton<IJourneyEngine>(sp => sp.GetRequiredService<InvocationJourneyEngine>());
    }

    private static JourneyIndex AddReadModel(IServiceCollection services, Azure.Data.Tables.TableServiceClient tables, JourneyStoreOptions store)
    {
        var index = new JourneyIndex(tables.GetTableClient(store.IndexTable));
        services.AddSingleton(index);
        services.AddSingleton<JourneyReader>();
        return index;
    }

    private static DurableHostOptions EngineOptions(AppSettings settings, IConfiguration configuration, JourneyStoreOptions store, JourneyIndex index,
        JourneyDecider decider, TimeProvider clock) =>
        new(settings.StorageConnection, configuration["Journeys:TaskHub"] ?? DefaultTaskHub)
        {
            Store = store,
            MaxQueuePollingInterval = TimeSpan.FromMilliseconds(int.TryParse(configuration["Journeys:EnginePollMilliseconds"], out var ms) && ms > 0 ? ms : 250),
            Projection = _ => index,
            Decider = decider,
            Clock = clock,
        };

    /// <summary>The app's own web host (local mode, and the tests): the local durable host runs the journeys.</summary>
    public static void Add(IServiceCollection services, AppSettings settings, IConfiguration configuration) =>
        Add(services, settings, configuration, functionsHost: false);

    /// <summary>The isolated worker under the Functions host: its Durable extension runs the journeys.</summary>
    public static void AddForFunctions(IServiceCollection services, AppSettings settings, IConfiguration configuration) =>
        Add(services, settings, configuration, functionsHost: true);

    private static void Add(IServiceCollection services, AppSettings settings, IConfiguration configuration, bool functionsHost)
    {
        // Shared Key with a key in the setting (Azurite, an account key); the app's managed identity without (Entra ID).
        var storage = StorageClients.From(settings.StorageConnection);
        var tableService = storage.Tables;
        services.AddSingleton(tableService);
        services.AddSingleton(storage.Queues);
        var decider = new JourneyDecider();
        services.AddSingleton(decider);
        if (functionsHost) AddFunctionsEngine(services, settings, configuration, tableService, decider);
        else AddLocalEngine(services, settings, configuration, tableService);
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
