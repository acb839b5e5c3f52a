using Azure.Core.Pipeline;
using ShortSentences.Storage.Http;

namespace ShortSentences.Storage.Tables;

/// <summary>The account's Table service: hands out <see cref="TableClient"/>s that share one pipeline.</summary>
public sealed class TableServiceClient
{
    private readonly HttpPipeline _pipeline;

    public TableServiceClient(StorageAccount account, StorageClientOptions? options = null)
    {
        Account = account ?? throw new ArgumentNullException(nameof(account));
        _pipeline = StoragePipeline.Create(account, StorageService.Table, options ?? new StorageClientOptions());
    }

    public TableServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageAccount.Parse(connectionString), options) { }

    public StorageAccount Account { get; }

    public TableClient GetTableClient(string tableName) => new(_pipeline, Account.TableEndpoint, tableName);

    /// <summary>Table names: 3-63 ASCII letters and digits, starting with a letter; "tables" is reserved.</summary>
    public static void ValidateTableName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length is < 3 or > 63 || !char.IsAsciiLetter(name[0])
            || !name.All(char.IsAsciiLetterOrDigit) || name.Equals("tables", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{name}' is not a table name (3-63 letters and digits, starting with a letter; not 'tables').", nameof(name));
    }
}
