using Azure;

namespace ShortSentences.Storage.Tables;

/// <summary>
/// One table. Kept small and shaped like Azure.Data.Tables' TableClient so that package can stand behind it where it exists.
/// Every failure the service reports is a <see cref="StorageRequestException"/> with its error code.
/// </summary>
public interface ITableClient
{
    string Name { get; }
    Task CreateIfNotExistsAsync(CancellationToken ct = default);
    Task DeleteIfExistsAsync(CancellationToken ct = default);

    /// <summary>Inserts a new entity; 409 EntityAlreadyExists if the keys are taken. Returns the new ETag.</summary>
    Task<ETag> InsertAsync(TableEntity entity, CancellationToken ct = default);
    /// <summary>The entity with these keys; 404 ResourceNotFound if there is none.</summary>
    Task<TableEntity> GetAsync(string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken ct = default);
    Task<TableEntity?> GetIfExistsAsync(string partitionKey, string rowKey, CancellationToken ct = default);
    /// <summary>Replaces or merges an existing entity if its ETag still matches (412 UpdateConditionNotSatisfied if not).</summary>
    Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken ct = default);
    /// <summary>Inserts, or replaces/merges whatever is there, unconditionally.</summary>
    Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken ct = default);
    /// <summary>Deletes the entity if the ETag matches (default: any). False if there was no such entity.</summary>
    Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken ct = default);
    /// <summary>One page of a query; pass the page's continuation back to get the next. Azure returns at most 1000 per page.</summary>
    Task<TablePage> QueryAsync(ODataFilter? filter = null, IReadOnlyList<string>? select = null, int? top = null,
        TableContinuation? continuation = null, CancellationToken ct = default);
    /// <summary>Every matching entity, following continuations.</summary>
    IAsyncEnumerable<TableEntity> QueryAllAsync(ODataFilter? filter = null, IReadOnlyList<string>? select = null,
        int? pageSize = null, CancellationToken ct = default);
    /// <summary>Applies every operation or none; on failure a <see cref="TableTransactionFailedException"/> names the failed operation.</summary>
    Task<TableTransactionResult> SubmitTransactionAsync(TableTransaction transaction, CancellationToken ct = default);
}

/// <summary>Where the next page of a query starts (the x-ms-continuation-NextPartitionKey/NextRowKey headers).</summary>
public sealed record TableContinuation(string NextPartitionKey, string? NextRowKey);

public sealed record TablePage(IReadOnlyList<TableEntity> Entities, TableContinuation? Continuation)
{
    public bool HasMore => Continuation is not null;
}
