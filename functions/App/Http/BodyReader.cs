using Microsoft.AspNetCore.Http;

namespace ShortSentences.App.Http;

/// <summary>Reads a request body up to a limit, without trusting Content-Length (chunked bodies have none).</summary>
public static class BodyReader
{
    /// <summary>The body, or null if it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return null;
        using var buffer = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 4096, limit));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
