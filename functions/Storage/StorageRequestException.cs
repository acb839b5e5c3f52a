using Azure;

namespace ShortSentences.Storage;

/// <summary>
/// The storage service refused a request. <see cref="RequestFailedException.Status"/> is the HTTP status and
/// <see cref="RequestFailedException.ErrorCode"/> the service's error code (e.g. EntityAlreadyExists,
/// UpdateConditionNotSatisfied, ResourceNotFound, QueueAlreadyExists, MessageNotFound, PopReceiptMismatch).
/// </summary>
public class StorageRequestException : RequestFailedException
{
    public StorageRequestException(int status, string? errorCode, string message, Exception? inner = null)
        : base(status, message, errorCode, inner) { }

    /// <summary>409: the entity, table or queue already exists (or is being deleted).</summary>
    public bool IsConflict => Status == 409;
    /// <summary>412: the ETag given in If-Match no longer matches (someone else changed the entity).</summary>
    public bool IsPreconditionFailed => Status == 412;
    public bool IsNotFound => Status == 404;
    /// <summary>No HTTP answer at all after the retries (connection refused, DNS, timeout): worth trying again later.</summary>
    public bool IsUnreachable => Status == 0;
    /// <summary>A received queue message is no longer ours to delete or update: its pop receipt was superseded
    /// (400 PopReceiptMismatch, it became visible and was received again) or it is gone (404 MessageNotFound).</summary>
    public bool IsMessageLeaseLost => ErrorCode is "PopReceiptMismatch" or "MessageNotFound";
}

/// <summary>An entity-group transaction was rolled back because one operation failed; no operation was applied.</summary>
public sealed class TableTransactionFailedException : StorageRequestException
{
    public TableTransactionFailedException(int status, string? errorCode, int? failedOperationIndex, string message)
        : base(status, errorCode, message) => FailedOperationIndex = failedOperationIndex;

    /// <summary>Zero-based index of the failed operation in the transaction, when the service names it.</summary>
    public int? FailedOperationIndex { get; }
}
