namespace ShortSentences.Cli.Durable;

/// <summary>
/// How far each instance has got, as its activities report it in this process, so the benchmark knows when to send
/// the next event without polling the engine (polling would load the storage being measured). Reports are
/// idempotent: an activity run twice reports the same step again, and only the highest counts.
/// </summary>
public sealed class ProgressSignals
{
    private readonly Dictionary<string, (long Reached, List<(long Step, TaskCompletionSource Done)> Waiters)> _progress = [];

    public void Report(string id, long step)
    {
        List<TaskCompletionSource> release = [];
        lock (_progress)
        {
            var (reached, waiters) = _progress.TryGetValue(id, out var p) ? p : (-1, []);
            if (step <= reached) return;
            foreach (var w in waiters.Where(w => w.Step <= step).ToList()) { waiters.Remove(w); release.Add(w.Done); }
            _progress[id] = (step, waiters);
        }
        foreach (var r in release) r.TrySetResult();
    }

    public long Reached(string id)
    {
        lock (_progress) return _progress.TryGetValue(id, out var p) ? p.Reached : -1;
    }

    /// <summary>Completes once <paramref name="id"/> has reported <paramref name="step"/> or beyond; times out after <paramref name="limit"/>.</summary>
    public Task WhenReached(string id, long step, TimeSpan limit)
    {
        TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_progress)
        {
            var (reached, waiters) = _progress.TryGetValue(id, out var p) ? p : (-1, []);
            if (reached >= step) return Task.CompletedTask;
            waiters.Add((step, done));
            _progress[id] = (reached, waiters);
        }
        return done.Task.WaitAsync(limit);
    }
}
