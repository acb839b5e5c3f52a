using System.Data.Common;
using Azure.Core;

namespace ShortSentences.Storage;

/// <summary>
/// Where the storage account is and how to authenticate: Shared Key (Azurite, account keys) or an Entra ID token.
/// Built from a connection string (<see cref="Parse"/>) or from endpoints and a <see cref="TokenCredential"/>.
/// </summary>
public sealed record StorageAccount
{
    /// <summary>The well-known Azurite account; its key is public and documented by Microsoft.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string Name { get; }
    public Uri TableEndpoint { get; }
    public Uri QueueEndpoint { get; }
    /// <summary>The decoded account key when the account uses Shared Key; null with a token credential.</summary>
    internal byte[]? Key { get; }
    public TokenCredential? TokenCredential { get; }
    public bool UsesSharedKey => Key is not null;

    private StorageAccount(string name, Uri tableEndpoint, Uri queueEndpoint, byte[]? key, TokenCredential? token)
    {
        Name = name;
        TableEndpoint = WithoutTrailingSlash(tableEndpoint);
        QueueEndpoint = WithoutTrailingSlash(queueEndpoint);
        Key = key;
        TokenCredential = token;
    }

    /// <summary>Shared Key account at explicit endpoints.</summary>
    public static StorageAccount WithSharedKey(string name, string base64Key, Uri tableEndpoint, Uri queueEndpoint)
    {
        RequireName(name);
        return new StorageAccount(name, RequireAbsolute(tableEndpoint, "TableEndpoint"),
            RequireAbsolute(queueEndpoint, "QueueEndpoint"), DecodeKey(base64Key), null);
    }

    /// <summary>Entra ID (Azure AD) account: every request carries a bearer token for https://storage.azure.com.</summary>
    public static StorageAccount WithTokenCredential(string name, TokenCredential credential,
        Uri? tableEndpoint = null, Uri? queueEndpoint = null)
    {
        RequireName(name);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(name,
            tableEndpoint ?? new Uri($"https://{name}.table.core.windows.net"),
            queueEndpoint ?? new Uri($"https://{name}.queue.core.windows.net"), null, credential);
    }

    /// <summary>The local Azurite account on its default ports.</summary>
    public static StorageAccount Development(string host = "127.0.0.1", int tablePort = 10002, int queuePort = 10001) =>
        new(DevelopmentAccountName,
            new Uri($"http://{host}:{tablePort}/{DevelopmentAccountName}"),
            new Uri($"http://{host}:{queuePort}/{DevelopmentAccountName}"),
            Convert.FromBase64String(DevelopmentAccountKey), null);

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c> or
    /// <c>DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...[;EndpointSuffix=...][;TableEndpoint=...][;QueueEndpoint=...]</c>.
    /// A connection string without AccountKey needs a token credential: pass one and it is used instead.
    /// </summary>
    public static StorageAccount Parse(string connectionString, TokenCredential? credential = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new FormatException("The storage connection string is empty.");
        var parts = Split(connectionString);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev))
        {
            if (!string.Equals(dev, "true", StringComparison.OrdinalIgnoreCase))
                throw new FormatException("UseDevelopmentStorage must be 'true' when present.");
            if (!parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy)) return Development();
            var proxyUri = RequireAbsolute(ParseUri(proxy, "DevelopmentStorageProxyUri"), "DevelopmentStorageProxyUri");
            return Development(proxyUri.Host);
        }

        if (parts.ContainsKey("SharedAccessSignature"))
            throw new FormatException("SharedAccessSignature connection strings are not supported; use AccountKey or an Entra ID credential.");
        if (!parts.TryGetValue("AccountName", out var name))
            throw new FormatException("The storage connection string has no AccountName.");
        RequireName(name);

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("http" or "https"))
            throw new FormatException("DefaultEndpointsProtocol must be http or https.");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        var table = parts.TryGetValue("TableEndpoint", out var t)
            ? ParseUri(t, "TableEndpoint") : new Uri($"{protocol}://{name}.table.{suffix}");
        var queue = parts.TryGetValue("QueueEndpoint", out var q)
            ? ParseUri(q, "QueueEndpoint") : new Uri($"{protocol}://{name}.queue.{suffix}");

        if (parts.TryGetValue("AccountKey", out var key))
            return WithSharedKey(name, key, table, queue);
        if (credential is null)
            throw new FormatException("The storage connection string has no AccountKey; supply a token credential (Entra ID) instead.");
        return WithTokenCredential(name, credential, table, queue);
    }

    public override string ToString() => $"{Name} (tables {TableEndpoint}, queues {QueueEndpoint}, {(UsesSharedKey ? "shared key" : "token")})";

    private static Dictionary<string, string> Split(string connectionString)
    {
        var builder = new DbConnectionStringBuilder();
        try { builder.ConnectionString = connectionString; }
        catch (ArgumentException e) { throw new FormatException("The storage connection string is malformed: " + e.Message); }
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string k in builder.Keys) parts[k] = Convert.ToString(builder[k]) ?? "";
        return parts;
    }

    private static byte[] DecodeKey(string base64Key)
    {
        try
        {
            var key = Convert.FromBase64String(base64Key);
            if (key.Length == 0) throw new FormatException("The storage AccountKey is empty.");
            return key;
        }
        catch (FormatException) { throw new FormatException("The storage AccountKey is not valid base64."); }
    }

    private static void RequireName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
            throw new FormatException($"'{name}' is not a storage account name (lower-case letters and digits).");
    }

    private static Uri ParseUri(string value, string what) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : throw new FormatException($"{what} is not an absolute URI.");

    private static Uri RequireAbsolute(Uri uri, string what) =>
        uri is { IsAbsoluteUri: true, Scheme: "http" or "https" } ? uri : throw new FormatException($"{what} must be an absolute http(s) URI.");

    private static Uri WithoutTrailingSlash(Uri uri) => new(uri.AbsoluteUri.TrimEnd('/'));
}
