using System.Globalization;

namespace ShortSentences.DurableHost.Local;

/// <summary>
/// The emulator's well-known account (its key is public, documented by Microsoft) and the Shared Key connection string
/// for an Azurite on given loopback ports, as the Azure SDK clients and the Durable Task provider take it.
/// </summary>
public static class DevelopmentStorage
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Blob endpoint too: the Durable Task provider keeps its partition leases in blobs.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};");
}
