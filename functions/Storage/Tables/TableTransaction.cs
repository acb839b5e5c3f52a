using Azure;

namespace ShortSentences.Storage.Tables;

public enum TableUpdateMode
{
    /// <summary>The stored entity becomes exactly the given one (properties not given are removed).</summary>
    Replace,
    /// <summary>The given properties are written; properties not given keep their stored values.</summary>
    Merge,
}

public enum TableActionKind { Insert, Update, Upsert, Delete }

/// <summary>One operation of an entity-group transaction. IfMatch applies to Update and Delete (<see cref="ETag.All"/> = unconditional).</summary>
public sealed record TableTransactionAction(TableActionKind Kind, TableEntity Entity, TableUpdateMode Mode, ETag IfMatch);

/// <summary>
/// An entity-group transaction: up to 100 operations on one partition, applied all or nothing.
/// The limits are checked as operations are added, so an invalid transaction never reaches the service.
/// </summary>
public sealed class TableTransaction
{
    public const int MaxOperations = 100;
    private readonly List<TableTransactionAction> _actions = [];
    private readonly HashSet<string> _rowKeys = new(StringComparer.Ordinal);

    public TableTransaction(string partitionKey)
    {
        TableKeys.Validate(partitionKey, "PartitionKey");
        PartitionKey = partitionKey;
    }

    public string PartitionKey { get; }
    public IReadOnlyList<TableTransactionAction> Actions => _actions;
    public int Count => _actions.Count;

    public TableTransaction Insert(TableEntity entity) => Add(TableActionKind.Insert, entity, TableUpdateMode.Replace, default);

    /// <summary>Replace or merge an existing entity if its ETag still matches (use <see cref="ETag.All"/> for unconditional).</summary>
    public TableTransaction Update(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace)
    {
        if (ifMatch == default) throw new ArgumentException("Update needs an ETag: the entity's own, or ETag.All for an unconditional update.", nameof(ifMatch));
        return Add(TableActionKind.Update, entity, mode, ifMatch);
    }

    public TableTransaction Upsert(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace) =>
        Add(TableActionKind.Upsert, entity, mode, default);

    public TableTransaction Delete(string rowKey, ETag? ifMatch = null) =>
        Add(TableActionKind.Delete, new TableEntity(PartitionKey, rowKey), TableUpdateMode.Replace, ifMatch ?? ETag.All);

    private TableTransaction Add(TableActionKind kind, TableEntity entity, TableUpdateMode mode, ETag ifMatch)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.PartitionKey != PartitionKey)
            throw new ArgumentException($"A transaction works on one partition ('{PartitionKey}'); this entity is in '{entity.PartitionKey}'.", nameof(entity));
        if (_actions.Count >= MaxOperations)
            throw new InvalidOperationException($"A transaction holds at most {MaxOperations} operations.");
        if (!_rowKeys.Add(entity.RowKey))
            throw new ArgumentException($"RowKey '{entity.RowKey}' is already in this transaction; the service allows one operation per entity.", nameof(entity));
        // Snapshot the entity so later changes by the caller do not alter what is sent.
        _actions.Add(new TableTransactionAction(kind, entity.Clone(), mode, ifMatch));
        return this;
    }
}

/// <summary>The outcome of a committed transaction: the new ETag of each operation, in order (null for deletes).</summary>
public sealed record TableTransactionResult(IReadOnlyList<ETag?> ETags);
