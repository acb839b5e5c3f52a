using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortSentences.App.CustomHandler;
using ShortSentences.App.Api;
using NodaTime;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// The app as the Functions host runs it (FUNCTIONS_CUSTOMHANDLER_PORT set): the recorded invocation payloads and a
/// forwarded HTTP request, sent over HTTP to the running app, reach real journeys on Azurite.
/// </summary>
public sealed class HostContractTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>, IAsyncLifetime
{
    private RunningApp _app = null!;

    // After the recorded release (2027-01-04): an event dated after the moment it arrives is refused as malformed.
    public async Task InitializeAsync() => _app = await RunningApp.StartAsync(storage.Azurite, new TestClock(Instant.FromUtc(2027, 1, 5, 12, 0)), azureMode: true, timerSeconds: 3600);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> InvokeAsync(string function, string payload, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _app.Client.PostAsync("/" + function, new StringContent(payload, Encoding.UTF8, "application/json"));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task A_recorded_HTTP_invocation_starts_the_journey_and_answers_with_the_res_output()
    {
        var answer = await InvokeAsync("PostSentence", Repo.Payload("http-post-sentence.invocation.json"));
        var res = answer.GetProperty("Outputs").GetProperty("res");
        Assert.Equal(201, res.GetProperty("statusCode").GetInt32());
        Assert.Equal("/api/journeys/J-X777519-S1", res.GetProperty("headers").GetProperty("Location").GetString());
        Assert.Equal("J-X777519-S1", JsonDocument.Parse(res.GetProperty("body").GetString()!).RootElement.GetProperty("journeyId").GetString());

        var get = await InvokeAsync("GetJourney", Repo.Payload("http-get-journey.invocation.json"));
        Assert.Equal(200, get.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
        var hostile = await InvokeAsync("GetJourney", Repo.Payload("http-get-journey-hostile-id.invocation.json"));
        Assert.Equal(400, hostile.GetProperty("Outputs").GetProperty("res").GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task A_forwarded_HTTP_request_is_served_as_it_arrives_with_the_hosts_headers()
    {
        var raw = Repo.Payload("http-post-sentence.forwarded.http").Replace("X777519", "D400001").Replace("A8513EA", "D4001DD");
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var body = raw[(split + 4)..];
        var head = System.Text.RegularExpressions.Regex.Replace(raw[..split], @"Content-Length: \d+", $"Content-Length: {Encoding.UTF8.GetByteCount(body)}");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _app.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head + "\r\nConnection: close\r\n\r\n" + body));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        Assert.StartsWith("HTTP/1.1 201", response);
        Assert.Contains("Location: /api/journeys/J-D400001-S1", response);
    }

    [Fact]
    public async Task Service_Bus_invocations_apply_known_events_acknowledge_unknown_ones_and_fail_malformed_ones_for_dead_lettering()
    {
        await InvokeAsync("PostSentence", Repo.Payload("http-post-sentence.invocation.json"));
        var released = await InvokeAsync("DomainEventsFromServiceBus", Repo.Payload("servicebus-sns.invocation.json"));
        Assert.Contains("applied", released.GetProperty("Logs")[0].GetString());
        var unknown = await InvokeAsync("DomainEventsFromServiceBus", Repo.Payload("servicebus-unknown-type.invocation.json"));
        Assert.Contains("ignored-unknown-type", unknown.GetProperty("Logs")[0].GetString());
        var malformed = await InvokeAsync("DomainEventsFromServiceBus", Repo.Payload("servicebus-malformed.invocation.json"), HttpStatusCode.InternalServerError);
        Assert.Contains("malformed", malformed.GetProperty("Logs")[0].GetString());
        Assert.DoesNotContain("Exception", malformed.GetRawText());
    }

    [Fact]
    public async Task The_timer_and_queue_invocations_answer_the_host_contract()
    {
        var timer = await InvokeAsync("DueDeadlines", Repo.Payload("timer.invocation.json"));
        Assert.Contains("due deadlines fired", timer.GetProperty("Logs")[0].GetString());
        Assert.Equal(JsonValueKind.Object, timer.GetProperty("Outputs").ValueKind);
        // The recorded reminder is not a reminder command: it fails so the host retries it and then poisons it.
        var reminder = await InvokeAsync("SendReminders", Repo.Payload("queue-reminder.invocation.json"), HttpStatusCode.InternalServerError);
        Assert.Contains("not a reminder command", reminder.GetProperty("Logs")[0].GetString());
    }

    [Fact]
    public void The_local_runner_builds_the_same_payload_shapes_as_the_recorded_ones()
    {
        var now = Instant.FromUtc(2026, 11, 16, 16, 20);
        using var mine = JsonDocument.Parse(HostPayloads.ServiceBus("message", "DomainEventsFromServiceBus", "id-1", 1, "{\"a\":1}", now));
        using var recorded = JsonDocument.Parse(Repo.Payload("servicebus-sns.invocation.json"));
        Assert.Equal(JsonValueKind.String, mine.RootElement.GetProperty("Data").GetProperty("message").ValueKind);
        Assert.Equal("{\"a\":1}", InvocationValues.Text(mine.RootElement.GetProperty("Data").GetProperty("message")));
        foreach (var key in new[] { "MessageId", "DeliveryCount", "sys" })
        {
            Assert.True(recorded.RootElement.GetProperty("Metadata").TryGetProperty(key, out var r));
            Assert.Equal(r.ValueKind, mine.RootElement.GetProperty("Metadata").GetProperty(key).ValueKind);
        }
        using var timer = JsonDocument.Parse(HostPayloads.Timer("timer", "DueDeadlines", null, now, false, now));
        using var recordedTimer = JsonDocument.Parse(Repo.Payload("timer.invocation.json"));
        Assert.Equal(recordedTimer.RootElement.GetProperty("Data").GetProperty("timer").EnumerateObject().Select(p => p.Name),
            timer.RootElement.GetProperty("Data").GetProperty("timer").EnumerateObject().Select(p => p.Name));
    }
}
