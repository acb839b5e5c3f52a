using Azure.Data.Tables;
using Azure.Storage.Queues;
using ShortSentences.Orchestration.Storage;
using Xunit;

namespace ShortSentences.TestSupport;

/// <summary>
/// xunit fixture (use as IClassFixture or ICollectionFixture) for a real Azurite. Uses AZURITE_CONNECTION_STRING if
/// set (a running Azurite), else one Azurite per test process, started on free ports at first use and killed when the
/// process ends. Test classes share it and can run in parallel: each test takes its own names from
/// <see cref="UniqueTableName"/> and <see cref="UniqueQueueName"/>. For a private Azurite that can be restarted
/// (fault tests) use <see cref="AzuriteInstance.StartNewAsync"/>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionStringVariable = "AZURITE_CONNECTION_STRING";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteInstance? _shared;

    public string ConnectionString { get; private set; } = "";
    /// <summary>The Azurite this process started, or null when reusing one from AZURITE_CONNECTION_STRING.</summary>
    public AzuriteInstance? Instance { get; private set; }

    /// <summary>The app's own clients for this account (its retries, its queue message encoding).</summary>
    public TableServiceClient Tables { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(external)) ConnectionString = external;
        else
        {
            Instance = await SharedAsync();
            ConnectionString = Instance.ConnectionString;
        }
        var clients = StorageClients.From(ConnectionString);
        Tables = clients.Tables;
        Queues = clients.Queues;
    }

    public Task DisposeAsync() => Task.CompletedTask; // the shared instance lives until the process exits

    /// <summary>A table name no other test uses: the prefix's letters and digits (at most 20) and a GUID.</summary>
    public static string UniqueTableName(string prefix = "t") => "t" + Clean(prefix) + Guid.NewGuid().ToString("N");

    /// <summary>A queue name no other test uses: the prefix's lower-case letters and digits (at most 20) and a GUID.</summary>
    public static string UniqueQueueName(string prefix = "q") => "q" + Clean(prefix).ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N");

    private static string Clean(string prefix) => new string(prefix.Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());

    /// <summary>A new table that exists, named for this test only.</summary>
    public async Task<TableClient> NewTableAsync(string prefix = "t")
    {
        var table = Tables.GetTableClient(UniqueTableName(prefix));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    /// <summary>A new queue that exists, named for this test only.</summary>
    public async Task<QueueClient> NewQueueAsync(string prefix = "q")
    {
        var queue = Queues.GetQueueClient(UniqueQueueName(prefix));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private static async Task<AzuriteInstance> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_shared is { IsRunning: true }) return _shared;
            _shared = await AzuriteInstance.StartNewAsync(inMemory: true);
            var instance = _shared;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Kill();
            return instance;
        }
        finally { Gate.Release(); }
    }
}
