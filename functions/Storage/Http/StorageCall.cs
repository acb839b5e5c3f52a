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
        await pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0) throw StorageErrors.From(response, operation);
        return response;
    }
}
