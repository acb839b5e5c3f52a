using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ShortSentences.App.Http;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// Requests Kestrel refuses before the app sees them (a NUL in the path, a malformed request line or header) are
/// answered as problem documents too, and the app's own answers on the same connection are left as they were.
/// </summary>
public sealed class ServerRefusalTests(SeededApp seeded) : IClassFixture<SeededApp>
{
    private async Task<string> SendRaw(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", seeded.App.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var read = reader.ReadToEndAsync(); // the server closes the connection after a refusal
        return await read.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static (int Status, string Head, string Body) Parse(string response)
    {
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no complete response: {response}");
        var head = response[..split];
        return (int.Parse(head.Split(' ')[1]), head, response[(split + 4)..]);
    }

    [Theory]
    [InlineData("a NUL in the path", "GET /api/journeys/J-C300001%00-S1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")]
    [InlineData("a NUL in the path, after another request on the same connection",
        "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nGET /api/journeys/%00 HTTP/1.1\r\nHost: x\r\n\r\n")]
    [InlineData("a header line with no colon", "GET /api/health HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n")]
    [InlineData("a request line that is not HTTP", "GET /api/health HTTP/9\r\nHost: x\r\n\r\n")]
    public async Task The_web_servers_own_refusal_is_a_problem_document(string why, string request)
    {
        var response = await SendRaw(request);
        var last = response[response.LastIndexOf("HTTP/1.1 ", StringComparison.Ordinal)..];
        var (status, head, body) = Parse(last);
        Assert.True(status == 400, $"{why}: {status}");
        Assert.Contains("Content-Type: application/problem+json", head);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Contains("refused", problem.GetProperty("detail").GetString());
        if (response != last) Assert.StartsWith("HTTP/1.1 200", response); // the health answer before it is untouched
    }

    [Fact]
    public void Only_an_empty_closing_refusal_is_rewritten()
    {
        Assert.NotNull(ServerRefusals.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\nDate: x\r\n\r\n"u8));
        Assert.Null(ServerRefusals.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nDate: x\r\n\r\n"u8)); // kept open: not Kestrel's refusal
        Assert.Null(ServerRefusals.Rewrite("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"u8)); // has a body
        Assert.Null(ServerRefusals.Rewrite("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8));
    }
}
