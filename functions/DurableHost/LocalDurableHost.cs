using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShortSentences.Journeys.Durable;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Facts;
using ShortSentences.Journeys.Rules;
using ShortSentences.Journeys.Stages;
using ShortSentences.Orchestration.Activities;
using ShortSentences.Orchestration.Client;
using ShortSentences.Orchestration.Loop;
using ShortSentences.Orchestration.Storage;

namespace ShortSentences.DurableHost;

/// <summary>
/// The journeys' engine without the Functions host (ARCHITECTURE D4): the Durable Task gRPC sidecar
/// (<c>TaskHubGrpcServer</c> of Microsoft.DurableTask.InProcessTestHost) serving DurableTask.AzureStorage's
/// <c>AzureStorageOrchestrationService</c> on a loopback port, and the Microsoft.DurableTask worker and client talking
/// to it over gRPC, as an isolated worker talks to the Functions host's Durable extension in Azure. The worker runs
/// the same orchestration and activities the function app registers.
/// </summary>
public sealed class LocalDurableHost : IAsyncDisposable
{
    private readonly WebApplication _sidecar;
    private readonly IHost _worker;
    private readonly GrpcChannel _channel;
    private readonly AzureStorageOrchestrationService _service;

    private readonly DurableHostOptions _options;

    private LocalDurableHost(WebApplication sidecar, IHost worker, GrpcChannel channel, AzureStorageOrchestrationService service, int port, DurableHostOptions options)
    {
        _sidecar = sidecar; _worker = worker; _channel = channel; _service = service; Port = port; _options = options;
    }

    public int Port { get; }
    public DurableTaskClient Client => _worker.Services.GetRequiredService<DurableTaskClient>();
    public JourneyClient Journeys => _worker.Services.GetRequiredService<JourneyClient>();
    public IServiceProvider Services => _worker.Services;
    public IOrchestrationServiceClient Engine => _service;

    public static async Task<LocalDurableHost> StartAsync(DurableHostOptions options, CancellationToken ct = default)
    {
        // To standard error, all of it: standard output is the benchmark's JSON and the app's own lines.
        var logs = LoggerFactory.Create(b => b.SetMinimumLevel(options.LogLevel).AddSimpleConsole(o => o.SingleLine = true)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var visibility = options.MessageVisibility ?? options.RecoveryInterval;
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(options.ConnectionString),
            TaskHubName = options.TaskHub,
            PartitionCount = options.Partitions,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskOrchestrationWorkItems = options.Concurrency,
            MaxConcurrentTaskActivityWorkItems = options.Concurrency,
            // One process with the hub to itself: no app lease to wait for after a restart, and what a killed process
            // had taken comes back within the recovery interval rather than the engine's fleet-sized defaults.
            UseAppLease = false,
            WorkerId = options.WorkerId,
            LeaseInterval = options.RecoveryInterval,
            LeaseRenewInterval = options.RecoveryInterval / 3,
            LeaseAcquireInterval = options.RecoveryInterval / 3,
            ControlQueueVisibilityTimeout = visibility,
            WorkItemQueueVisibilityTimeout = visibility,
            LoggerFactory = logs,
        });
        await service.CreateIfNotExistsAsync();
        await EnsureStoreAsync(options, ct);

        var sidecar = Sidecar(service, logs, options);
        await sidecar.StartAsync(ct);
        var port = new Uri(sidecar.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddProvider(new ForwardingProvider(logs));
        AddJourneyServices(builder.Services, options);
        options.Services?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(b =>
        {
            b.UseGrpc(channel);
            b.Configure(o =>
            {
                o.Concurrency.MaximumConcurrentOrchestrationWorkItems = options.Concurrency;
                o.Concurrency.MaximumConcurrentActivityWorkItems = options.Concurrency;
            });
            b.AddTasks(r =>
            {
                JourneyTasks.Register(r, new JourneyOrchestration(options.Decider, options.TurnsPerExecution));
                r.AddOrchestratorFunc(ReadyProbe, _ => Task.FromResult("ready"));
                options.Tasks?.Invoke(r);
            });
        });
        builder.Services.AddDurableTaskClient(b => { b.UseGrpc(channel); b.RegisterDirectly(); });
        builder.Services.AddSingleton(sp => new JourneyClient(sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<JourneyInbox>(), sp.GetRequiredService<JourneyRecords>(),
            sp.GetRequiredService<TableServiceClient>().GetTableClient(options.Store.ControlsTable), options.Clock));
        var worker = builder.Build();
        await worker.StartAsync(ct);
        var host = new LocalDurableHost(sidecar, worker, channel, service, port, options);
        await host.WaitUntilRunningAsync(ct);
        return host;
    }

    /// <summary>An orchestration that does nothing, run once at start (see <see cref="WaitUntilRunningAsync"/>).</summary>
    public const string ReadyProbe = "EngineReadyProbe";

    /// <summary>
    /// Started means running: one orchestration has gone through the engine. The sidecar starts the Azure Storage
    /// service in the background, and that service's StopAsync throws (on a thread-pool thread, which ends the
    /// process) if it is stopped before its StartAsync got far enough; a host is therefore never handed out, nor
    /// stopped, before the engine has run something.
    /// </summary>
    private async Task WaitUntilRunningAsync(CancellationToken ct)
    {
        var id = $"{ReadyProbe}-{Guid.NewGuid():N}";
        await Client.ScheduleNewOrchestrationInstanceAsync(ReadyProbe, new StartOrchestrationOptions(InstanceId: id), ct);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(TimeSpan.FromMinutes(2));
        await Client.WaitForInstanceCompletionAsync(id, patience.Token);
        await Client.PurgeInstanceAsync(id, cancellation: ct);
    }

    /// <summary>The journeys' decider and the activities' storage, as the function app registers them too.</summary>
    public static void AddJourneyServices(IServiceCollection services, DurableHostOptions options)
    {
        services.AddSingleton(options.Decider);
        // The app's own clients: its retries, and base64 queue text, which the app's queue readers (and the Functions
        // queue trigger) expect of the reminders the outbox queues.
        var storage = StorageClients.From(options.ConnectionString);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Queues);
        services.AddSingleton(sp => new JourneyInbox(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.Store.JourneysTable)));
        services.AddSingleton(sp => new JourneyRecords(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.Store.JourneysTable)));
        services.AddSingleton(sp => new JourneyIndexTable(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.Store.IndexTable)));
        services.AddSingleton<IJourneyProjection>(options.Projection ?? (sp => sp.GetRequiredService<JourneyIndexTable>()));
        services.AddSingleton(sp => new ReminderOutbox(sp.GetRequiredService<TableServiceClient>().GetTableClient(options.Store.JourneysTable),
            sp.GetRequiredService<QueueServiceClient>().GetQueueClient(options.Store.RemindersQueue)));
    }

    private static async Task EnsureStoreAsync(DurableHostOptions options, CancellationToken ct)
    {
        var tables = new TableServiceClient(options.ConnectionString);
        foreach (var name in new[] { options.Store.JourneysTable, options.Store.IndexTable, options.Store.ControlsTable })
            await tables.GetTableClient(name).CreateIfNotExistsAsync(ct);
        await new QueueServiceClient(options.ConnectionString).GetQueueClient(options.Store.RemindersQueue).CreateIfNotExistsAsync(cancellationToken: ct);
    }

    /// <summary>The gRPC sidecar: Kestrel on 127.0.0.1 only, HTTP/2 without TLS (the protocol gRPC speaks to it).</summary>
    private static WebApplication Sidecar(AzureStorageOrchestrationService service, ILoggerFactory logs, DurableHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddProvider(new ForwardingProvider(logs));
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 16 * 1024 * 1024);
        // Reconciled first: the sidecar's own dispatcher applies a message delivered twice after a crash (see the class).
        var instances = StorageClients.From(options.ConnectionString).Tables.GetTableClient(StartedStatusRepair.InstancesTable(options.TaskHub));
        builder.Services.AddSingleton<IOrchestrationService>(new ReconcilingOrchestrationService(service,
            new StartedStatusRepair(instances, logs.CreateLogger<StartedStatusRepair>()), logs.CreateLogger<ReconcilingOrchestrationService>()));
        // And answered through a filter: an instance row a crash left without its name is no instance (see the class).
        builder.Services.AddSingleton<IOrchestrationServiceClient>(new NamelessInstanceFilter(service));
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        return app;
    }

    /// <summary>
    /// Stops the engine first, while the worker is still connected: the service drains its partitions (the sessions
    /// in flight finish through the worker) and gives their leases back. Stopped after the worker instead (as the
    /// sidecar alone would, and without waiting), it waited for sessions no worker could finish, kept its leases, and
    /// an app started next on the same storage never got them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        // Each step is bounded (a stop must not hang a Ctrl+C): what is not given back expires (RecoveryInterval).
        try { await _service.StopAsync(isForced: false).WaitAsync(TimeSpan.FromSeconds(5)); }
        catch (TimeoutException) { /* the leases expire on their own */ }
        try { await _worker.StopAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
        _worker.Dispose();
        await _channel.ShutdownAsync();
        _channel.Dispose();
        try { await _sidecar.StopAsync(TimeSpan.FromSeconds(5)); } catch (OperationCanceledException) { }
        await _sidecar.DisposeAsync();
        await LeasesReleasedAsync(TimeSpan.FromSeconds(3));
    }

    /// <summary>
    /// A stop waits, a while, until no partition lease is held by this host, so a host started next (an app restarted)
    /// can take them at once rather than after they expire.
    /// </summary>
    private async Task LeasesReleasedAsync(TimeSpan patience)
    {
        var partitions = new TableClient(_options.ConnectionString, _options.TaskHub + "Partitions");
        var deadline = DateTime.UtcNow + patience;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                var held = false;
                await foreach (var lease in partitions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CurrentOwner eq {_options.WorkerId}")))
                    held = true;
                if (!held) return;
                await Task.Delay(200);
            }
        }
        catch (Azure.RequestFailedException) { /* storage gone: the leases expire on their own */ }
    }

    /// <summary>Sends both hosts' logs to the one factory (warnings and errors only by default).</summary>
    private sealed class ForwardingProvider(ILoggerFactory logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logs.CreateLogger(categoryName);
        public void Dispose() { }
    }
}
