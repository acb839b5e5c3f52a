using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;

namespace ShortSentences.App.Http;

/// <summary>
/// Kestrel refuses some requests before any middleware runs (a <c>%00</c> in the path, a malformed request line or
/// header) and answers them with an empty body, which its maintainers do not let an app change. Those refusals are
/// always the last response on their connection, written at once, with <c>Content-Length: 0</c> and
/// <c>Connection: close</c>. This connection middleware watches what Kestrel writes and turns exactly such a response
/// into a problem document with the same status, so every refusal the app gives is <c>application/problem+json</c>.
/// The app's own responses always have a body, so none of them matches.
/// </summary>
public static class ServerRefusals
{
    /// <summary>Adds the rewriting to a Kestrel endpoint.</summary>
    public static ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        var original = connection.Transport;
        var writer = new RefusalRewritingWriter(original.Output);
        connection.Transport = new Pipe(original.Input, writer);
        try { await next(connection); }
        finally { connection.Transport = original; }
    };

    /// <summary>The problem-document form of a Kestrel refusal, or null when <paramref name="response"/> is not one.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> response)
    {
        if (response.Length > 2048 || !response.StartsWith("HTTP/1.1 4"u8)) return null;
        var text = Encoding.ASCII.GetString(response);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0 || end + 4 != text.Length) return null; // a body, or not the whole head: not Kestrel's empty refusal
        var lines = text[..end].Split("\r\n");
        if (!lines.Any(l => l.Equals("Content-Length: 0", StringComparison.OrdinalIgnoreCase)) ||
            !lines.Any(l => l.Equals("Connection: close", StringComparison.OrdinalIgnoreCase))) return null;
        var statusLine = lines[0];
        var parts = statusLine.Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], out var status)) return null;
        var title = parts.Length == 3 ? parts[2] : "Bad Request";
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            type = "about:blank",
            title,
            status,
            detail = "the web server refused the request before the app could read it: its request line or headers are " +
                     "malformed (for example a NUL, %00, in the path) or too large",
        }));
        var head = new StringBuilder(statusLine).Append("\r\n");
        foreach (var line in lines.Skip(1).Where(l => !l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)))
            head.Append(line).Append("\r\n");
        head.Append("Content-Type: application/problem+json\r\n").Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>Holds what is written until each flush, and passes it on, rewritten when it is a bare refusal.</summary>
    private sealed class RefusalRewritingWriter(PipeWriter inner) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _pending = new();

        public override void Advance(int bytes) => _pending.Advance(bytes);
        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);
        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);
        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            PassOn();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            PassOn();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            PassOn();
            await inner.FlushAsync();
            await inner.CompleteAsync(exception);
        }

        private void PassOn()
        {
            if (_pending.WrittenCount == 0) return;
            var written = _pending.WrittenSpan;
            if (Rewrite(written) is { } problem) inner.Write(problem);
            else inner.Write(written);
            _pending.Clear();
        }
    }
}
