using Microsoft.Extensions.Logging;

namespace ShortSentences.App.Http;

/// <summary>
/// Storage that does not answer is one event, not one per request, poll or timer tick: the first failure anywhere in
/// the app (a request, the queue polling, the deadlines timer, the setup at start) logs one line, and one more is
/// logged when it is over. Meanwhile requests get 503 with Retry-After. The end is found by a probe of its own, every
/// second, that also creates the tables and queues again (a storage emulator that crashed may have lost them), so
/// the app recovers by itself within about a second of storage answering, whether or not requests are arriving.
/// </summary>
public sealed class StorageOutage(ILogger<StorageOutage> log, Func<CancellationToken, Task<bool>>? probe = null) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private int _down;

    /// <summary>True from the first failure until the probe has found storage answering again.</summary>
    public bool IsDown => Volatile.Read(ref _down) == 1;

    /// <summary>Storage down or overloaded (no answer, or a 5xx from it): a retry later can succeed.</summary>
    public static bool IsStorageUnreachable(Exception ex) => ex switch
    {
        HttpRequestException => true,
        Journeys.Durable.JourneyEngineUnavailable => true,
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        { InnerException: { } inner } => IsStorageUnreachable(inner),
        _ => false,
    };

    /// <summary>Notes that storage failed for <paramref name="where"/>; only the first report of an outage is logged.</summary>
    public void Report(string where, Exception? error = null)
    {
        if (Interlocked.CompareExchange(ref _down, 1, 0) != 0) return;
        log.LogWarning("Storage is not answering ({Where}: {Error}); requests get 503 with Retry-After until it is back",
            where, error?.GetType().Name ?? "no answer");
        _ = Task.Run(() => WatchAsync(_stopping.Token));
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                bool back;
                try { back = probe is null || await probe(ct); }
                catch (Exception e) when (!ct.IsCancellationRequested && IsStorageUnreachable(e)) { back = false; }
                if (!back) continue;
                Volatile.Write(ref _down, 0);
                log.LogWarning("Storage is answering again; tables and queues are ready");
                return;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
