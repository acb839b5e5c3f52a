using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ShortSentences.Storage.Http;

namespace ShortSentences.Storage.Tables;

/// <summary>The Table service REST API for one table, in JSON (odata=minimalmetadata).</summary>
public sealed class TableClient : ITableClient
{
    private const string Accept = "application/json;odata=minimalmetadata";
    private const string Json = "application/json";
    private static readonly RequestMethod Merge = new("MERGE");
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        TableServiceClient.ValidateTableName(name);
        _pipeline = pipeline;
        _endpoint = endpoint;
        Name = name;
    }

    public string Name { get; }

    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = Message(RequestMethod.Post, "Tables");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        StorageCall.SetBody(message, Json, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await StorageCall.SendAsync(_pipeline, message, $"Create table {Name}", ct, 201, 204, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var error = StorageErrors.From(response, $"Create table {Name}");
            if (error.ErrorCode != "TableAlreadyExists") throw error;
        }
    }

    public async Task DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = Message(RequestMethod.Delete, $"Tables('{Name}')");
        await StorageCall.SendAsync(_pipeline, message, $"Delete table {Name}", ct, 204, 404).ConfigureAwait(false);
    }

    public async Task<ETag> InsertAsync(TableEntity entity, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = Message(RequestMethod.Post, Name);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        StorageCall.SetBody(message, Json, TableEntityJson.Serialize(entity));
        var response = await StorageCall.SendAsync(_pipeline, message, Describe("Insert", entity), ct, 204).ConfigureAwait(false);
        return ETagOf(response);
    }

    public async Task<TableEntity> GetAsync(string partitionKey, string rowKey, IReadOnlyList<string>? select = null, CancellationToken ct = default)
    {
        using var message = Message(RequestMethod.Get, TableKeys.EntityPath(Name, partitionKey, rowKey));
        if (select is { Count: > 0 }) message.Request.Uri.AppendQuery("$select", Select(select));
        var response = await StorageCall.SendAsync(_pipeline, message, $"Get ({partitionKey}, {rowKey}) from {Name}", ct, 200).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Deserialize(doc.RootElement, response.Headers.ETag?.ToString("G"));
    }

    public async Task<TableEntity?> GetIfExistsAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        try { return await GetAsync(partitionKey, rowKey, null, ct).ConfigureAwait(false); }
        catch (StorageRequestException e) when (e.IsNotFound) { return null; }
    }

    public Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken ct = default)
    {
        if (ifMatch == default) throw new ArgumentException("Update needs an ETag: the entity's own, or ETag.All for an unconditional update.", nameof(ifMatch));
        return WriteAsync(entity, ifMatch, mode, "Update", ct);
    }

    public Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Replace, CancellationToken ct = default) =>
        WriteAsync(entity, null, mode, "Upsert", ct);

    private async Task<ETag> WriteAsync(TableEntity entity, ETag? ifMatch, TableUpdateMode mode, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = Message(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, TableKeys.EntityPath(Name, entity.PartitionKey, entity.RowKey));
        if (ifMatch is { } etag) message.Request.Headers.SetValue("If-Match", etag.ToString("G"));
        StorageCall.SetBody(message, Json, TableEntityJson.Serialize(entity));
        var response = await StorageCall.SendAsync(_pipeline, message, Describe(what, entity), ct, 204).ConfigureAwait(false);
        return ETagOf(response);
    }

    public async Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken ct = default)
    {
        using var message = Message(RequestMethod.Delete, TableKeys.EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", (ifMatch ?? ETag.All).ToString("G"));
        var response = await StorageCall.SendAsync(_pipeline, message, $"Delete ({partitionKey}, {rowKey}) from {Name}", ct, 204, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var error = StorageErrors.From(response, $"Delete ({partitionKey}, {rowKey}) from {Name}");
            if (error.ErrorCode is not ("ResourceNotFound" or null)) throw error; // e.g. TableNotFound
            return false;
        }
        return true;
    }

    public async Task<TablePage> QueryAsync(ODataFilter? filter = null, IReadOnlyList<string>? select = null, int? top = null,
        TableContinuation? continuation = null, CancellationToken ct = default)
    {
        if (top is < 1 or > 1000) throw new ArgumentOutOfRangeException(nameof(top), top, "$top must be between 1 and 1000.");
        using var message = Message(RequestMethod.Get, Name + "()");
        var uri = message.Request.Uri;
        if (filter is not null) uri.AppendQuery("$filter", filter.Text);
        if (select is { Count: > 0 }) uri.AppendQuery("$select", Select(select));
        if (top is { } t) uri.AppendQuery("$top", t.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (continuation is not null)
        {
            uri.AppendQuery("NextPartitionKey", continuation.NextPartitionKey);
            if (continuation.NextRowKey is not null) uri.AppendQuery("NextRowKey", continuation.NextRowKey);
        }
        var response = await StorageCall.SendAsync(_pipeline, message, $"Query {Name}", ct, 200).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var entities = doc.RootElement.GetProperty("value").EnumerateArray().Select(e => TableEntityJson.Deserialize(e)).ToList();
        TableContinuation? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var npk) && !string.IsNullOrEmpty(npk))
            next = new TableContinuation(npk, response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nrk) ? nrk : null);
        return new TablePage(entities, next);
    }

    public async IAsyncEnumerable<TableEntity> QueryAllAsync(ODataFilter? filter = null, IReadOnlyList<string>? select = null,
        int? pageSize = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        TableContinuation? continuation = null;
        do
        {
            var page = await QueryAsync(filter, select, pageSize, continuation, ct).ConfigureAwait(false);
            foreach (var entity in page.Entities) yield return entity;
            continuation = page.Continuation;
        } while (continuation is not null);
    }

    public async Task<TableTransactionResult> SubmitTransactionAsync(TableTransaction transaction, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.Count == 0) return new TableTransactionResult([]);
        var (contentType, body) = TableBatchBody.Write(_endpoint, Name, transaction, Guid.NewGuid().ToString("D"));
        if (body.Length > 4 * 1024 * 1024)
            throw new ArgumentException($"The transaction is {body.Length} bytes; the Table service accepts at most 4 MiB.", nameof(transaction));
        using var message = Message(RequestMethod.Post, "$batch");
        StorageCall.SetBody(message, contentType, body);
        var operation = $"Transaction on {Name} ({transaction.PartitionKey})";
        Response response;
        try { response = await StorageCall.SendAsync(_pipeline, message, operation, ct, 202).ConfigureAwait(false); }
        catch (StorageRequestException e) when (e is not TableTransactionFailedException)
        {
            // A whole-batch refusal (e.g. a malformed body) is still a failed transaction: one exception type for callers.
            throw new TableTransactionFailedException(e.Status, e.ErrorCode, null, e.Message);
        }
        return TableBatchBody.Read(response.Content.ToString(), transaction.Count);
    }

    private HttpMessage Message(RequestMethod method, string path)
    {
        var message = StorageCall.Create(_pipeline, method, _endpoint, path);
        message.Request.Headers.SetValue("Accept", Accept);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private string Describe(string what, TableEntity e) => $"{what} ({e.PartitionKey}, {e.RowKey}) in {Name}";

    /// <summary>The $select list; the keys are always added because every <see cref="TableEntity"/> has them.</summary>
    private static string Select(IReadOnlyList<string> select)
    {
        foreach (var name in select)
            if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new ArgumentException($"'{name}' is not a property name.", nameof(select));
        return string.Join(",", new[] { "PartitionKey", "RowKey" }.Concat(select).Distinct(StringComparer.Ordinal));
    }

    private static ETag ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag!) : throw new StorageRequestException(response.Status, null, "The service returned no ETag.");
}
