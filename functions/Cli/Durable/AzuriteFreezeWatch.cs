namespace ShortSentences.Cli.Durable;

/// <summary>
/// Tells when an Azurite stopped answering. In-memory Azurite (3.37.0) keeps each queue message as an extent of its
/// own, and its queue GC, a minute after the last one, answers no request while it goes through them: after the
/// bench's first minute that is a freeze of about 25 s, every table and queue request waiting. A round that met one
/// measures the emulator, not the engine (a journeys phase fell from 30 to 4 events a second in it), so the bench runs
/// such a round again. Watched with a request that needs nothing but Azurite's event loop (an unsigned listing, refused
/// at once) every 200 ms.
/// </summary>
public sealed class AzuriteFreezeWatch : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200), Frozen = TimeSpan.FromSeconds(2);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTime From, DateTime To)> _freezes = [];
    private readonly Task _watching;
    private DateTime? _asking;

    public AzuriteFreezeWatch(int queuePort) =>
        _watching = Watch(new Uri($"http://127.0.0.1:{queuePort}/devstoreaccount1?comp=list"));

    /// <summary>Whether Azurite was frozen at any moment between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public bool FrozeDuring(DateTime from, DateTime to)
    {
        lock (_freezes)
        {
            var asking = _asking is { } since && DateTime.UtcNow - since > Frozen && since < to;
            return asking || _freezes.Any(f => f.From < to && f.To > from);
        }
    }

    private async Task Watch(Uri uri)
    {
        while (!_stop.IsCancellationRequested)
        {
            var from = DateTime.UtcNow;
            lock (_freezes) _asking = from;
            try
            {
                using var answer = await _http.GetAsync(uri, _stop.Token);
            }
            catch (OperationCanceledException) { return; }
            catch (HttpRequestException) { /* refused or reset: an answer all the same */ }
            var to = DateTime.UtcNow;
            lock (_freezes)
            {
                _asking = null;
                if (to - from > Frozen) _freezes.Add((from, to));
            }
            try { await Task.Delay(Every, _stop.Token); } catch (OperationCanceledException) { return; }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _http.Dispose();
        _stop.Dispose();
    }
}
