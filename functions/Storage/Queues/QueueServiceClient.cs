using Azure.Core.Pipeline;
using ShortSentences.Storage.Http;

namespace ShortSentences.Storage.Queues;

/// <summary>The account's Queue service: hands out <see cref="QueueClient"/>s that share one pipeline.</summary>
public sealed class QueueServiceClient
{
    private readonly HttpPipeline _pipeline;

    public QueueServiceClient(StorageAccount account, StorageClientOptions? options = null)
    {
        Account = account ?? throw new ArgumentNullException(nameof(account));
        _pipeline = StoragePipeline.Create(account, StorageService.Queue, options ?? new StorageClientOptions());
    }

    public QueueServiceClient(string connectionString, StorageClientOptions? options = null)
        : this(StorageAccount.Parse(connectionString), options) { }

    public StorageAccount Account { get; }

    public QueueClient GetQueueClient(string queueName) => new(_pipeline, Account.QueueEndpoint, queueName);

    /// <summary>Queue names: 3-63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static void ValidateQueueName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length is < 3 or > 63
            || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || name[0] == '-' || name[^1] == '-' || name.Contains("--"))
            throw new ArgumentException($"'{name}' is not a queue name (3-63 lower-case letters, digits and single hyphens).", nameof(name));
    }
}
