using ShortSentences.Storage;
using ShortSentences.Storage.Queues;
using ShortSentences.Storage.Tables;
using Xunit;

namespace ShortSentences;

/// <summary>
/// TestSupport's shared Azurite seen through the hand-written client (functions/Storage), for the tests of that client
/// and of the runtime on it (Storage.Tests, Runtime.Tests), which are deleted with them (issue 10). Declared in the
/// namespace that encloses both test projects, so their unchanged code finds it before TestSupport's SDK-based fixture.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private readonly TestSupport.AzuriteFixture _shared = new();

    public string ConnectionString => _shared.ConnectionString;
    public StorageAccount Account => StorageAccount.Parse(ConnectionString);
    public TableServiceClient Tables { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _shared.InitializeAsync();
        Tables = new TableServiceClient(Account);
        Queues = new QueueServiceClient(Account);
    }

    public Task DisposeAsync() => _shared.DisposeAsync();

    public static string UniqueTableName(string prefix = "t") => TestSupport.AzuriteFixture.UniqueTableName(prefix);

    public static string UniqueQueueName(string prefix = "q") => TestSupport.AzuriteFixture.UniqueQueueName(prefix);

    public async Task<TableClient> NewTableAsync(string prefix = "t")
    {
        var table = Tables.GetTableClient(UniqueTableName(prefix));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public async Task<QueueClient> NewQueueAsync(string prefix = "q")
    {
        var queue = Queues.GetQueueClient(UniqueQueueName(prefix));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}

/// <summary>A private Azurite's account for the hand-written client.</summary>
public static class LegacyAzuriteInstance
{
    extension(TestSupport.AzuriteInstance azurite)
    {
        public StorageAccount Account => StorageAccount.Parse(azurite.ConnectionString);
    }
}
