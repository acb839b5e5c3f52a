using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ShortSentences.App.Http;
using ShortSentences.DurableHost;
using ShortSentences.Orchestration.Client;

namespace ShortSentences.App.Journeys.Durable;

/// <summary>
/// The journeys' durable engine in the app's process: the local durable host (ARCHITECTURE D4: the Durable Task
/// sidecar over DurableTask.AzureStorage, with the worker that runs the journey orchestration and its activities).
/// It starts in the background and again and again until storage answers, so the app itself starts and answers
/// 503 while storage is down; a request waits a few seconds for it before being told to try again.
/// </summary>
public sealed class JourneyEngine(DurableHostOptions options, StorageOutage outage, ILogger<JourneyEngine> log) : IJourneyEngine, IHostedService, IAsyncDisposable
{
    /// <summary>
    /// How long a request waits for an engine that is still starting: after a crash, the partitions the dead process
    /// held come free only when their leases expire (<c>DurableHostOptions.RecoveryInterval</c>).
    /// </summary>
    public static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(45);

    private readonly TaskCompletionSource<LocalDurableHost> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _starting;

    /// <summary>The client of the running engine; waits for it to start, or fails as storage being unavailable.</summary>
    public async Task<JourneyClient> ClientAsync(CancellationToken ct)
    {
        if (_ready.Task.IsCompletedSuccessfully) return _ready.Task.Result.Journeys;
        try { return (await _ready.Task.WaitAsync(StartPatience, ct)).Journeys; }
        catch (TimeoutException) { throw new JourneyEngineUnavailable(); }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = Task.Run(() => StartUntilStorageAnswersAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    private async Task StartUntilStorageAnswersAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Not cancelled half-way (that would leave the sidecar or the worker behind): a stop waits for the start.
                var host = await LocalDurableHost.StartAsync(options, CancellationToken.None);
                _ready.TrySetResult(host);
                log.LogInformation("Journey engine started (task hub {TaskHub}, sidecar on 127.0.0.1:{Port})", options.TaskHub, host.Port);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                if (StorageOutage.IsStorageUnreachable(e)) outage.Report("journey engine start", e);
                else log.LogError(e, "The journey engine did not start; trying again");
                try { await Task.Delay(TimeSpan.FromSeconds(1), ct); } catch (OperationCanceledException) { return; }
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _stopping.Cancel();
        // A start still waiting for partition leases (held by a process that just died) is not waited for: the
        // process ends without it.
        if (_starting is not null)
            try { await _starting.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken); }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException)
            {
                log.LogWarning("The journey engine was still starting; it is left to end with the process");
                return;
            }
        // Within the host's own shutdown timeout: a stop that overruns it is left behind, and the process ends.
        if (_ready.Task.IsCompletedSuccessfully)
            try { await _ready.Task.Result.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken); }
            catch (TimeoutException) { log.LogWarning("The journey engine did not stop in time; its leases expire on their own"); }
            catch (OperationCanceledException) { log.LogWarning("The journey engine did not stop in time; its leases expire on their own"); }
        else _ready.TrySetException(new JourneyEngineUnavailable());
    }

    private int _stopped;

    public async ValueTask DisposeAsync()
    {
        await StopAsync(default);
        _stopping.Dispose();
    }
}

/// <summary>The engine has not started yet (storage was not answering): nothing was changed, try again shortly.</summary>
public sealed class JourneyEngineUnavailable() : Exception("The journey engine is starting: storage has not answered yet.");
