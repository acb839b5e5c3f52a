namespace ShortSentences.Runtime.Storage;

/// <summary>
/// The slice of Azure Table Storage the runtime needs. It is the runtime's own port so that the journey store does not
/// depend on one client's shapes; <see cref="StorageClientAdapter"/> maps it onto functions/Storage.
/// </summary>
public interface IRuntimeTables
{
    Task EnsureTable(string table, CancellationToken ct);

    Task<StoredEntity?> Get(string table, string partitionKey, string rowKey, CancellationToken ct);

    /// <summary>Rows of one partition whose RowKey is in [<paramref name="fromRowKey"/>, <paramref name="toRowKey"/>).</summary>
    Task<IReadOnlyList<StoredEntity>> QueryRange(string table, string partitionKey, string fromRowKey, string toRowKey, CancellationToken ct);

    /// <summary>Every row of the table with this RowKey (a full scan: tests and tools only).</summary>
    Task<IReadOnlyList<StoredEntity>> ScanRowKey(string table, string rowKey, CancellationToken ct);

    /// <summary>
    /// Applies the operations atomically (one entity-group transaction: same partition, at most 100 operations).
    /// Throws <see cref="TableConcurrencyException"/> on 409 or 412 and <see cref="TableNotFoundException"/> on 404.
    /// Returns the new ETag of each operation, in order (null for deletes).
    /// </summary>
    Task<IReadOnlyList<string?>> Submit(string table, IReadOnlyList<TableOperation> operations, CancellationToken ct);
}

/// <summary>One stored row; <see cref="ETag"/> is set when read from the store.</summary>
public sealed record StoredEntity(string PartitionKey, string RowKey, IReadOnlyDictionary<string, object?> Properties, string? ETag = null)
{
    public string? String(string name) => Properties.TryGetValue(name, out var v) ? v?.ToString() : null;

    public long Long(string name) => Properties.TryGetValue(name, out var v) && v is not null
        ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)
        : 0;
}

public enum TableOperationKind
{
    /// <summary>Fails with 409 when the row exists.</summary>
    Insert,
    /// <summary>Insert or replace, unconditionally.</summary>
    Upsert,
    /// <summary>Replace the row if its ETag still matches (412 otherwise); "*" matches any existing row.</summary>
    Replace,
    /// <summary>Delete the row if its ETag still matches; "*" deletes whatever is there (404 if nothing).</summary>
    Delete,
}

public sealed record TableOperation(TableOperationKind Kind, StoredEntity Entity, string? IfMatch = null)
{
    public static TableOperation Insert(StoredEntity e) => new(TableOperationKind.Insert, e);
    public static TableOperation Upsert(StoredEntity e) => new(TableOperationKind.Upsert, e);
    public static TableOperation Replace(StoredEntity e, string etag) => new(TableOperationKind.Replace, e, etag);
    public static TableOperation Delete(string pk, string rk, string etag = "*") =>
        new(TableOperationKind.Delete, new StoredEntity(pk, rk, new Dictionary<string, object?>()), etag);
}

/// <summary>Someone else changed the partition first (409 Conflict or 412 Precondition Failed).</summary>
public sealed class TableConcurrencyException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class TableNotFoundException(string message, Exception? inner = null) : Exception(message, inner);
