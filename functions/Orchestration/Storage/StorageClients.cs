using System.Data.Common;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace ShortSentences.Orchestration.Storage;

/// <summary>
/// The product's table and queue service clients for one storage setting (<c>Journeys__StorageConnection</c>).
/// A connection string with a key (an account key, Azurite's <c>UseDevelopmentStorage=true</c>, a SAS) goes to the
/// SDK's connection-string constructors (Shared Key); one without a key, or an account's endpoint URI, names the
/// account only, and every request carries an Entra ID token (<see cref="DefaultAzureCredential"/>: the app's
/// managed identity in Azure).
/// </summary>
public sealed class StorageClients
{
    private StorageClients(TableServiceClient tables, QueueServiceClient queues, bool usesSharedKey)
    {
        Tables = tables;
        Queues = queues;
        UsesSharedKey = usesSharedKey;
    }

    public TableServiceClient Tables { get; }
    public QueueServiceClient Queues { get; }
    public bool UsesSharedKey { get; }

    /// <summary>
    /// Clients for <paramref name="setting"/>; <paramref name="credential"/> replaces <see cref="DefaultAzureCredential"/>
    /// for a setting without a key (tests). Throws <see cref="FormatException"/> for a setting that names no account.
    /// </summary>
    public static StorageClients From(string setting, TokenCredential? credential = null)
    {
        if (string.IsNullOrWhiteSpace(setting)) throw new FormatException("The storage connection setting is empty.");
        if (Uri.TryCreate(setting.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return WithToken(AccountEndpoint(uri, "table"), AccountEndpoint(uri, "queue"), credential);
        var parts = Split(setting);
        if (parts.ContainsKey("AccountKey") || parts.ContainsKey("SharedAccessSignature") || parts.ContainsKey("UseDevelopmentStorage"))
            return new StorageClients(new TableServiceClient(setting, TableOptions()), new QueueServiceClient(setting, QueueOptions()), true);
        if (!parts.TryGetValue("AccountName", out var name) || name.Length == 0)
            throw new FormatException("The storage connection string names no AccountName (and has no AccountKey).");
        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return WithToken(Endpoint(parts, "TableEndpoint", $"{protocol}://{name}.table.{suffix}"),
            Endpoint(parts, "QueueEndpoint", $"{protocol}://{name}.queue.{suffix}"), credential);
    }

    /// <summary>Retries and timeouts as the app's storage calls had them: a short outage is ridden out, a long one reported in seconds.</summary>
    public static TableClientOptions TableOptions() => Configure(new TableClientOptions());

    /// <summary>
    /// Base64 message text, as the Functions queue trigger reads it by default (the reminders queue feeds the
    /// SendReminders function in Azure): every writer and reader of the product's queues must use this encoding.
    /// </summary>
    public static QueueClientOptions QueueOptions() => Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    private static StorageClients WithToken(Uri tables, Uri queues, TokenCredential? credential)
    {
        credential ??= new DefaultAzureCredential();
        return new StorageClients(new TableServiceClient(tables, credential, TableOptions()), new QueueServiceClient(queues, credential, QueueOptions()), false);
    }

    private static T Configure<T>(T options) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Transport = SharedTransport;
        return options;
    }

    // One connection pool for every client in the process (a pool per client exhausts sockets under load). Azurite
    // closes idle keep-alive connections after 5 s by default: ours are dropped sooner, so a reused socket is never dead.
    private static readonly HttpClientTransport SharedTransport =
        new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4) });

    /// <summary><c>https://acct.blob.core.windows.net</c> (any of the account's services) gives <c>https://acct.{service}.core.windows.net</c>.</summary>
    private static Uri AccountEndpoint(Uri uri, string service)
    {
        var labels = uri.Host.Split('.');
        if (labels.Length < 3 || labels[1] is not ("blob" or "table" or "queue" or "file" or "dfs"))
            throw new FormatException($"'{uri.Host}' is not a storage account endpoint (account.service.suffix).");
        labels[1] = service;
        return new UriBuilder(uri.Scheme, string.Join('.', labels), uri.IsDefaultPort ? -1 : uri.Port).Uri;
    }

    private static Uri Endpoint(Dictionary<string, string> parts, string key, string fallback) =>
        Uri.TryCreate(parts.GetValueOrDefault(key, fallback), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{key} is not an absolute http(s) URI.");

    private static Dictionary<string, string> Split(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try { builder.ConnectionString = connectionString; }
        catch (ArgumentException e) { throw new FormatException("The storage connection string is malformed: " + e.Message); }
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string k in builder.Keys) parts[k] = Convert.ToString(builder[k]) ?? "";
        return parts;
    }
}
