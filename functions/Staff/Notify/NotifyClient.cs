using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.Retry;
using ShortSentences.Staff.Reminders;

namespace ShortSentences.Staff.Notify;

/// <summary>
/// Sends e-mail through GOV.UK Notify's REST API (POST /v2/notifications/email), handling its documented errors:
/// 400 and 403 are our fault and are not retried; 429 "RateLimitError" and 5xx are retried with exponential backoff;
/// 429 "TooManyRequestsError" (the daily limit) is not retried, since it cannot succeed before tomorrow.
/// Each attempt gets a fresh token because Notify allows 30 seconds of clock skew only.
/// </summary>
public sealed class NotifyClient : IReminderChannel
{
    private readonly HttpClient http;
    private readonly NotifyApiKey key;
    private readonly TimeProvider clock;
    private readonly Uri endpoint;
    private readonly Uri baseUrl;
    private readonly ResiliencePipeline<Attempt> pipeline;

    public NotifyClient(HttpClient http, NotifyOptions options, TimeProvider clock)
    {
        this.http = http;
        this.clock = clock;
        key = NotifyApiKey.Parse(options.ApiKey);
        baseUrl = options.BaseUrl;
        endpoint = new Uri(options.BaseUrl, "/v2/notifications/email");
        pipeline = new ResiliencePipelineBuilder<Attempt> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<Attempt>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Failure.Permanent: false } || args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException),
                MaxRetryAttempts = Math.Max(0, options.MaxRetries),
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    public string Name => "GOV.UK Notify";

    public async Task<ChannelResult> SendEmailAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var attempts = 0;
        var body = JsonSerializer.Serialize(new
        {
            email_address = message.EmailAddress,
            template_id = message.TemplateId,
            personalisation = message.Personalisation,
            reference = message.Reference,
        });
        Attempt last;
        try
        {
            last = await pipeline.ExecuteAsync(async ct =>
            {
                attempts++;
                return await PostOnce(body, ct);
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return ChannelResult.Failed(new ChannelFailure(null, e.GetType().Name, $"GOV.UK Notify could not be reached: {e.Message}", Permanent: false), attempts);
        }
        return last.Failure is null
            ? ChannelResult.Success(last.NotificationId!, attempts)
            : ChannelResult.Failed(last.Failure, attempts);
    }

    /// <summary>GET /v2/notifications?reference=...: Notify keeps the reference we sent, so it can say whether it has it.</summary>
    public async Task<string?> FindSentAsync(string reference, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(baseUrl, $"/v2/notifications?template_type=email&reference={Uri.EscapeDataString(reference)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyToken.Create(key, clock.GetUtcNow()));
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var failure = NotifyErrors.Classify((int)response.StatusCode, text);
            throw new HttpRequestException($"GOV.UK Notify could not say whether '{reference}' was sent: {failure.Error}: {failure.Message}");
        }
        using var doc = JsonDocument.Parse(text);
        foreach (var n in doc.RootElement.GetProperty("notifications").EnumerateArray())
        {
            if (n.TryGetProperty("reference", out var r) && r.GetString() == reference && n.TryGetProperty("id", out var id))
                return id.GetString();
        }
        return null;
    }

    private async Task<Attempt> PostOnce(string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyToken.Create(key, clock.GetUtcNow()));
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode == HttpStatusCode.Created)
            return new Attempt(NotificationId(text), null);
        return new Attempt(null, NotifyErrors.Classify((int)response.StatusCode, text));
    }

    private static string NotificationId(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private sealed record Attempt(string? NotificationId, ChannelFailure? Failure);
}

/// <summary>Notify's error bodies, {"status_code":429,"errors":[{"error":"RateLimitError","message":"..."}]}, as failures.</summary>
public static class NotifyErrors
{
    public static ChannelFailure Classify(int status, string body)
    {
        var (error, message) = FirstError(body);
        var permanent = status switch
        {
            429 => error == "TooManyRequestsError", // the daily limit: no point retrying today
            >= 500 => false,
            _ => true, // 400 BadRequestError, 403 AuthError and anything else in 4xx fail the same way again
        };
        return new ChannelFailure(status, error ?? $"HTTP {status}", message ?? $"GOV.UK Notify answered {status}", permanent);
    }

    private static (string? Error, string? Message) FirstError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return (first.TryGetProperty("error", out var e) ? e.GetString() : null,
                        first.TryGetProperty("message", out var m) ? m.GetString() : null);
            }
        }
        catch (JsonException)
        {
            // Not Notify's JSON (e.g. a proxy's HTML error page): report the status alone.
        }
        return (null, null);
    }
}
