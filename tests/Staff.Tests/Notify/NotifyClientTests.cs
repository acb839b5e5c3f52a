using ShortSentences.Staff.Notify;
using ShortSentences.Staff.Reminders;
using ShortSentences.Staff.Tests.Support;
using Xunit;

namespace ShortSentences.Staff.Tests.Notify;

public sealed class NotifyClientTests : IAsyncLifetime
{
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 3, 9, 8, 30, 0, TimeSpan.Zero));
    private FakeNotify notify = null!;
    private readonly HttpClient http = new();

    public async Task InitializeAsync() => notify = await FakeNotify.StartAsync(() => clock.Now);

    public async Task DisposeAsync()
    {
        http.Dispose();
        await notify.DisposeAsync();
    }

    private NotifyClient Client(int maxRetries = 3, int baseDelayMs = 5) => new(http, new NotifyOptions
    {
        ApiKey = FakeNotify.ApiKey,
        BaseUrl = notify.BaseUrl,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(baseDelayMs),
    }, clock);

    private static EmailMessage Message(string reference = "J-X777519-S1/com-allocation/overdue") => new(
        "b4c2c5a8-0000-4000-8000-00000000000a",
        "priya.patel@probation.example.gov.uk",
        new Dictionary<string, object> { ["crn"] = "X777519", ["task"] = "Com allocation" },
        reference);

    [Fact]
    public async Task An_email_reaches_Notify_with_a_signed_token_the_template_the_recipient_and_the_reminder_key_as_reference()
    {
        var result = await Client().SendEmailAsync(Message());

        Assert.True(result.Sent);
        Assert.Equal("notify-0001", result.NotificationId);
        var received = Assert.Single(notify.Received);
        Assert.Null(received.TokenProblem);
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), received.IssuedAt);
        Assert.Equal("b4c2c5a8-0000-4000-8000-00000000000a", received.Body.GetProperty("template_id").GetString());
        Assert.Equal("priya.patel@probation.example.gov.uk", received.Body.GetProperty("email_address").GetString());
        Assert.Equal("X777519", received.Body.GetProperty("personalisation").GetProperty("crn").GetString());
        Assert.Equal("J-X777519-S1/com-allocation/overdue", received.Reference);
    }

    [Fact]
    public async Task A_token_signed_with_the_wrong_secret_is_refused_and_not_retried()
    {
        var wrongKey = "staff-reminders-test-" + FakeNotify.ServiceId + "-" + "11111111-2222-4333-8444-555555555555";
        var client = new NotifyClient(http, new NotifyOptions { ApiKey = wrongKey, BaseUrl = notify.BaseUrl, RetryBaseDelay = TimeSpan.FromMilliseconds(5) }, clock);

        var result = await client.SendEmailAsync(Message());

        Assert.False(result.Sent);
        Assert.Equal(403, result.Failure!.StatusCode);
        Assert.Equal("AuthError", result.Failure.Error);
        Assert.True(result.Failure.Permanent);
        Assert.Single(notify.Received);
    }

    [Fact]
    public async Task A_rate_limited_request_is_retried_with_growing_delays_and_then_sent()
    {
        notify.Then(429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds")
              .Then(429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds");

        var result = await Client(maxRetries: 3, baseDelayMs: 60).SendEmailAsync(Message());

        Assert.True(result.Sent);
        Assert.Equal(3, result.Attempts);
        var arrivals = notify.Received.Select(r => r.ArrivedAt).ToArray();
        Assert.Equal(3, arrivals.Length);
        // Exponential backoff: the second wait is about twice the first (60 ms, then 120 ms).
        Assert.True(arrivals[1] - arrivals[0] >= TimeSpan.FromMilliseconds(50), $"first wait {(arrivals[1] - arrivals[0]).TotalMilliseconds} ms");
        Assert.True(arrivals[2] - arrivals[1] >= TimeSpan.FromMilliseconds(110), $"second wait {(arrivals[2] - arrivals[1]).TotalMilliseconds} ms");
        Assert.All(notify.Received, r => Assert.Equal("J-X777519-S1/com-allocation/overdue", r.Reference));
    }

    [Fact]
    public async Task Notify_server_errors_are_retried_until_the_retries_run_out_and_the_failure_is_kept_as_retryable()
    {
        for (var i = 0; i < 4; i++) notify.Then(500, "Exception", "Internal server error");

        var result = await Client(maxRetries: 3).SendEmailAsync(Message());

        Assert.False(result.Sent);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(4, notify.Received.Count);
        Assert.Equal(500, result.Failure!.StatusCode);
        Assert.Equal("Internal server error", result.Failure.Message);
        Assert.False(result.Failure.Permanent);
    }

    [Fact]
    public async Task A_bad_request_is_not_retried_and_Notify_s_message_is_kept()
    {
        notify.Then(400, "BadRequestError", "Can't send to this recipient using a team-only API key");

        var result = await Client().SendEmailAsync(Message());

        Assert.False(result.Sent);
        Assert.Equal(1, result.Attempts);
        Assert.Single(notify.Received);
        Assert.Equal(400, result.Failure!.StatusCode);
        Assert.Equal("BadRequestError", result.Failure.Error);
        Assert.Equal("Can't send to this recipient using a team-only API key", result.Failure.Message);
        Assert.True(result.Failure.Permanent);
    }

    [Fact]
    public async Task A_token_Notify_thinks_is_stale_is_refused_as_an_auth_error_without_retry()
    {
        notify.Then(403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds");

        var result = await Client().SendEmailAsync(Message());

        Assert.Equal(1, result.Attempts);
        Assert.Equal(403, result.Failure!.StatusCode);
        Assert.True(result.Failure.Permanent);
    }

    [Fact]
    public async Task The_daily_sending_limit_is_not_retried_because_it_cannot_succeed_today()
    {
        notify.Then(429, "TooManyRequestsError", "Exceeded send limits (250000) for today");

        var result = await Client().SendEmailAsync(Message());

        Assert.Equal(1, result.Attempts);
        Assert.Equal("TooManyRequestsError", result.Failure!.Error);
        Assert.True(result.Failure.Permanent);
    }

    [Fact]
    public async Task An_unreachable_Notify_is_a_retryable_failure_not_an_exception()
    {
        var closed = new Uri($"http://127.0.0.1:{notify.BaseUrl.Port}");
        await notify.DisposeAsync();
        notify = await FakeNotify.StartAsync(() => clock.Now);
        var client = new NotifyClient(http, new NotifyOptions { ApiKey = FakeNotify.ApiKey, BaseUrl = closed, MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(5) }, clock);

        var result = await client.SendEmailAsync(Message());

        Assert.False(result.Sent);
        Assert.Equal(2, result.Attempts);
        Assert.False(result.Failure!.Permanent);
        Assert.Equal("HttpRequestException", result.Failure.Error);
    }
}
