using System.Collections.Concurrent;
using Azure;
using ShortSentences.Storage;
using ShortSentences.Storage.Tables;

namespace ShortSentences.Runtime.Storage;

/// <summary>The runtime's table port on the project's own Table client (functions/Storage).</summary>
public sealed class StorageTablesAdapter(TableServiceClient service) : IRuntimeTables
{
    private readonly ConcurrentDictionary<string, TableClient> _clients = new();

    private TableClient Client(string table) => _clients.GetOrAdd(table, service.GetTableClient);

    public Task EnsureTable(string table, CancellationToken ct) => Call(() => Client(table).CreateIfNotExistsAsync(ct));

    public Task<StoredEntity?> Get(string table, string partitionKey, string rowKey, CancellationToken ct) =>
        Call(async () => await Client(table).GetIfExistsAsync(partitionKey, rowKey, ct) is { } e ? Map(e) : null);

    public Task<IReadOnlyList<StoredEntity>> QueryRange(string table, string partitionKey, string fromRowKey,
        string toRowKey, CancellationToken ct) =>
        Query(table, ODataFilter.And(ODataFilter.PartitionKeyEquals(partitionKey), ODataFilter.And(
            ODataFilter.Compare("RowKey", ODataComparison.GreaterThanOrEqual, fromRowKey),
            ODataFilter.Compare("RowKey", ODataComparison.LessThan, toRowKey))), ct);

    public Task<IReadOnlyList<StoredEntity>> ScanRowKey(string table, string rowKey, CancellationToken ct) =>
        Query(table, ODataFilter.Equal("RowKey", rowKey), ct);

    public Task<IReadOnlyList<string?>> Submit(string table, IReadOnlyList<TableOperation> operations, CancellationToken ct) => Call(async () =>
    {
        var client = Client(table);
        if (operations.Count == 1)
        {
            // One operation needs no batch envelope: the plain request is cheaper for the service.
            var op = operations[0];
            ETag? etag = null;
            switch (op.Kind)
            {
                case TableOperationKind.Insert: etag = await client.InsertAsync(Map(op.Entity), ct); break;
                case TableOperationKind.Upsert: etag = await client.UpsertAsync(Map(op.Entity), TableUpdateMode.Replace, ct); break;
                case TableOperationKind.Replace:
                    etag = await client.UpdateAsync(Map(op.Entity), new ETag(op.IfMatch!), TableUpdateMode.Replace, ct); break;
                case TableOperationKind.Delete:
                    if (!await client.DeleteAsync(op.Entity.PartitionKey, op.Entity.RowKey, new ETag(op.IfMatch ?? "*"), ct))
                        throw new TableNotFoundException($"no row ({op.Entity.PartitionKey}, {op.Entity.RowKey}) in {table}");
                    break;
            }
            return (IReadOnlyList<string?>)[etag?.ToString()];
        }
        var tx = new TableTransaction(operations[0].Entity.PartitionKey);
        foreach (var op in operations)
        {
            switch (op.Kind)
            {
                case TableOperationKind.Insert: tx.Insert(Map(op.Entity)); break;
                case TableOperationKind.Upsert: tx.Upsert(Map(op.Entity)); break;
                case TableOperationKind.Replace: tx.Update(Map(op.Entity), new ETag(op.IfMatch!)); break;
                case TableOperationKind.Delete: tx.Delete(op.Entity.RowKey, new ETag(op.IfMatch ?? "*")); break;
            }
        }
        var result = await client.SubmitTransactionAsync(tx, ct);
        return (IReadOnlyList<string?>)result.ETags.Select(e => e?.ToString()).ToList();
    });

    private async Task<IReadOnlyList<StoredEntity>> Query(string table, ODataFilter filter, CancellationToken ct) =>
        await Call(async () =>
        {
            var rows = new List<StoredEntity>();
            await foreach (var e in Client(table).QueryAllAsync(filter, ct: ct)) rows.Add(Map(e));
            return (IReadOnlyList<StoredEntity>)rows;
        });

    private static StoredEntity Map(TableEntity e) =>
        new(e.PartitionKey, e.RowKey, e.Properties.ToDictionary(p => p.Key, p => (object?)p.Value), e.ETag.ToString());

    private static TableEntity Map(StoredEntity s)
    {
        var e = new TableEntity(s.PartitionKey, s.RowKey);
        foreach (var (k, v) in s.Properties) if (v is not null) e[k] = v;
        return e;
    }

    private static async Task Call(Func<Task> call) => await Call(async () => { await call(); return 0; });

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (StorageRequestException e) when (e.IsConflict || e.IsPreconditionFailed)
        {
            throw new TableConcurrencyException(e.Message, e);
        }
        catch (StorageRequestException e) when (e.IsNotFound)
        {
            throw new TableNotFoundException(e.Message, e);
        }
    }
}
