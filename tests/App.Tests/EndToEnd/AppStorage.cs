using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>The running app's own storage clients (its queue message encoding included), for tests that feed or inspect its tables and queues.</summary>
internal static class AppStorage
{
    public static QueueClient Queue(this RunningApp app, string name) =>
        app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(name);

    public static TableClient Table(this RunningApp app, string name) =>
        app.Services.GetRequiredService<TableServiceClient>().GetTableClient(name);

    public static async Task<int> CountAsync(this QueueClient queue) =>
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public static async Task<IReadOnlyList<string>> PeekTextsAsync(this QueueClient queue) =>
        (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();

    /// <summary>
    /// Every row (with its ETag) of every table in the app's account, and the length of every queue: a request that
    /// must change nothing leaves this the same. The one table left out is the engine's partition leases, which the
    /// engine renews on its own every few seconds (its instances, history and queues are in).
    /// </summary>
    public static async Task<string> SnapshotAsync(this RunningApp app)
    {
        var tables = app.Services.GetRequiredService<TableServiceClient>();
        var queues = app.Services.GetRequiredService<QueueServiceClient>();
        var leases = app.Services.GetRequiredService<ShortSentences.DurableHost.DurableHostOptions>().TaskHub + "Partitions";
        var lines = new List<string>();
        await foreach (var table in tables.QueryAsync())
            if (!string.Equals(table.Name, leases, StringComparison.OrdinalIgnoreCase))
                await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                lines.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
        await foreach (var queue in queues.GetQueuesAsync())
            lines.Add($"{queue.Name}: {await queues.GetQueueClient(queue.Name).CountAsync()}");
        return string.Join("\n", lines);
    }
}
