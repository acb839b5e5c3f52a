using System.Collections.Concurrent;
using Azure;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// A row as this process last wrote it in each journey's partition, with the ETag the write answered, so that the
/// next write of it can go under that ETag without reading the row first. A row another writer changed since fails
/// that write on its ETag, and the caller then reads it as before: a stale entry costs a refused transaction, never
/// data. Taken out when used (a failed write leaves nothing behind to trust), and kept for at most
/// <see cref="Kept"/> journeys: past that the whole map is dropped, and the next write of each journey reads first.
/// </summary>
internal sealed class LastWrites<T> where T : struct
{
    private const int Kept = 50_000;
    private readonly ConcurrentDictionary<string, (T Row, ETag ETag)> _rows = new();

    public bool TryTake(string partition, out T row, out ETag etag)
    {
        var taken = _rows.TryRemove(partition, out var kept);
        (row, etag) = kept;
        return taken;
    }

    /// <summary>Keeps <paramref name="row"/> under the ETag of the transaction's last action, the one that wrote it.</summary>
    public void Remember(string partition, T row, Response<IReadOnlyList<Response>> transaction, int actions)
    {
        if (transaction.Value.Count != actions || transaction.Value[^1].Headers.ETag is not { } etag || etag == default) return;
        if (_rows.Count >= Kept) _rows.Clear();
        _rows[partition] = (row, etag);
    }
}
