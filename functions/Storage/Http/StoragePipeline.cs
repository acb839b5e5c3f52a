using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ShortSentences.Storage.Http;

/// <summary>Options for the storage clients: Azure.Core's retry, timeout and diagnostics settings, plus our clock.</summary>
public sealed class StorageClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as x-ms-version; Azurite 3.37 and Azure both accept it.</summary>
    public const string ServiceVersion = "2021-12-02";

    /// <summary>Supplies x-ms-date; injectable so nothing here reads the system clock directly.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public StorageClientOptions()
    {
        Retry.MaxRetries = 4;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(5);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Transport = SharedTransport;
    }

    // One connection pool for every client in the process (a pool per client would exhaust sockets under load).
    // Azurite closes idle keep-alive connections after 5 s by default; drop ours sooner so a reused socket is never dead.
    private static readonly HttpClientTransport SharedTransport =
        new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(4) });
}

internal static class StoragePipeline
{
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Create(StorageAccount account, StorageService service, StorageClientOptions options)
    {
        HttpPipelinePolicy auth = account.Key is { } key
            ? new SharedKeyPolicy(account.Name, key, service, options.Clock)
            : new BearerTokenAuthenticationPolicy(account.TokenCredential!, StorageScope);
        var perCall = new HttpPipelinePolicy[] { new VersionPolicy() };
        var perRetry = account.Key is null
            ? new HttpPipelinePolicy[] { new DatePolicy(options.Clock), auth }
            : new[] { auth };
        return HttpPipelineBuilder.Build(options, perCall, perRetry, new ResponseClassifier());
    }

    private sealed class VersionPolicy : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue("x-ms-version", StorageClientOptions.ServiceVersion);
    }

    private sealed class DatePolicy(TimeProvider clock) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue("x-ms-date", clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
    }
}
