using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ShortSentences.Storage.Http;

/// <summary>Builds and sends one REST call; a status not in the expected set becomes a <see cref="StorageRequestException"/>.</summary>
internal static class StorageCall
{
    public static HttpMessage Create(HttpPipeline pipeline, RequestMethod method, Uri endpoint, string path)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(endpoint);
        if (path.Length > 0) message.Request.Uri.AppendPath("/" + path, escape: false);
        return message;
    }

    public static void SetBody(HttpMessage message, string contentType, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
    }

    public static async Task<Response> SendAsync(HttpPipeline pipeline, HttpMessage message, string operation,
        CancellationToken ct, params int[] expected)
    {
        try { await pipeline.SendAsync(message, ct).ConfigureAwait(false); }
        catch (Exception e) when (e is RequestFailedException and not StorageRequestException or AggregateException)
        {
            // Azure.Core gives up after its retries (an AggregateException of the attempts): no HTTP answer at all.
            var last = (e as AggregateException)?.InnerExceptions.LastOrDefault() ?? e;
            throw new StorageRequestException(0, null,
                $"{operation} failed: the storage service could not be reached ({last.InnerException?.Message ?? last.Message}).", e);
        }
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0) throw StorageErrors.From(response, operation);
        return response;
    }
}
