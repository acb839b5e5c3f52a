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
    /// must change nothing leaves this the same. Left out is the Durable Task hub's own bookkeeping (its instances,
    /// history and lease tables, its control and work-item queues): the engine renews leases by itself and finishes a
    /// turn's checkpoint after the answer that turn allowed. A request that reached a journey shows anyway, in the
    /// journey's inbox and records, which are in.
    /// </summary>
    public static async Task<string> SnapshotAsync(this RunningApp app)
    {
        var tables = app.Services.GetRequiredService<TableServiceClient>();
        var queues = app.Services.GetRequiredService<QueueServiceClient>();
        var hub = app.Services.GetRequiredService<ShortSentences.DurableHost.DurableHostOptions>().TaskHub;
        bool Engine(string name) =>
            new[] { "Instances", "History", "Partitions" }.Any(t => string.Equals(name, hub + t, StringComparison.OrdinalIgnoreCase))
            || name.StartsWith(hub.ToLowerInvariant() + "-control-", StringComparison.Ordinal)
            || name == hub.ToLowerInvariant() + "-workitems";
        var lines = new List<string>();
        await foreach (var table in tables.QueryAsync())
            if (!Engine(table.Name))
                await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
                    lines.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
        await foreach (var queue in queues.GetQueuesAsync())
            if (!Engine(queue.Name))
                lines.Add($"{queue.Name}: {await queues.GetQueueClient(queue.Name).CountAsync()}");
        return string.Join("\n", lines);
    }
}
