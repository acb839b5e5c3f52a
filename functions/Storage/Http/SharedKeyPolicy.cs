using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ShortSentences.Storage.Http;

/// <summary>Signs every attempt (it runs per retry, after the other headers are set) with the account key.</summary>
internal sealed class SharedKeyPolicy(string accountName, byte[] key, StorageService service, TimeProvider clock)
    : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var uri = request.Uri.ToUri();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers) headers[h.Name] = h.Value;
        long? length = request.Content is not null && request.Content.TryComputeLength(out var l) ? l : null;
        var stringToSign = service == StorageService.Table
            ? SharedKeySignature.TableStringToSign(request.Method.Method, headers.GetValueOrDefault("Content-MD5"),
                headers.GetValueOrDefault("Content-Type"), date, accountName, uri)
            : SharedKeySignature.QueueStringToSign(request.Method.Method, headers, length, accountName, uri);
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{SharedKeySignature.Sign(stringToSign, key)}");
    }
}

internal enum StorageService { Table, Queue }
