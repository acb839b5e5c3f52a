using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShortSentences.Staff.Tests.Support;

/// <summary>What the stand-in received, after checking the token the way Notify does.</summary>
public sealed record ReceivedEmail(DateTimeOffset ArrivedAt, string? TokenProblem, long? IssuedAt, JsonElement Body)
{
    public string Reference => Body.GetProperty("reference").GetString()!;
}

/// <summary>
/// A loopback HTTP server standing in for GOV.UK Notify: checks the bearer JWT (HS256 over the secret key, iss = service
/// id, iat within 30 s of the test's clock), keeps each request body, and answers from a script of responses.
/// </summary>
public sealed class FakeNotify : IAsyncDisposable
{
    public const string ServiceId = "26785a09-ab16-4eb0-8407-a37497a57506";
    public const string SecretKey = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    public const string ApiKey = "staff-reminders-test-" + ServiceId + "-" + SecretKey;

    private WebApplication app = null!;
    private readonly ConcurrentQueue<(int Status, string Body)> script = new();
    private readonly Func<DateTimeOffset> expectedNow;

    public ConcurrentQueue<ReceivedEmail> Received { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    private FakeNotify(Func<DateTimeOffset> expectedNow) => this.expectedNow = expectedNow;

    public static async Task<FakeNotify> StartAsync(Func<DateTimeOffset> expectedNow)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeNotify(expectedNow) { app = builder.Build() };
        fake.app.MapPost("/v2/notifications/email", async (HttpContext context) => await (await fake.Handle(context)).ExecuteAsync(context));
        fake.app.MapGet("/v2/notifications", async (HttpContext context) => await fake.List(context).ExecuteAsync(context));
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address);
        return fake;
    }

    /// <summary>The next responses, in order; once the script runs out every request is accepted (201).</summary>
    public FakeNotify Then(int status, string error = "", string message = "")
    {
        var body = status == 201
            ? ""
            : JsonSerializer.Serialize(new { status_code = status, errors = new[] { new { error, message } } });
        script.Enqueue((status, body));
        return this;
    }

    private async Task<IResult> Handle(HttpContext context)
    {
        using var doc = await JsonDocument.ParseAsync(context.Request.Body);
        var (problem, iat) = CheckToken(context.Request.Headers.Authorization.ToString());
        var received = new ReceivedEmail(DateTimeOffset.UtcNow, problem, iat, doc.RootElement.Clone());
        Received.Enqueue(received);
        if (problem is not null)
            return Results.Json(new { status_code = 403, errors = new[] { new { error = "AuthError", message = problem } } }, statusCode: 403);
        if (script.TryDequeue(out var next) && next.Status != 201)
            return Results.Content(next.Body, "application/json", Encoding.UTF8, next.Status);
        var id = $"notify-{Received.Count:D4}";
        Accepted.Enqueue((id, received.Reference));
        return Results.Json(new
        {
            id,
            reference = received.Reference,
            content = new { body = "...", subject = "...", from_email = "staff@notifications.service.gov.uk" },
            template = new { id = received.Body.GetProperty("template_id").GetString(), version = 1 },
        }, statusCode: 201);
    }

    public ConcurrentQueue<(string Id, string Reference)> Accepted { get; } = new();

    /// <summary>GET /v2/notifications?reference=: the notifications this stand-in accepted with that reference.</summary>
    private IResult List(HttpContext context)
    {
        var (problem, _) = CheckToken(context.Request.Headers.Authorization.ToString());
        if (problem is not null)
            return Results.Json(new { status_code = 403, errors = new[] { new { error = "AuthError", message = problem } } }, statusCode: 403);
        var reference = context.Request.Query["reference"].ToString();
        return Results.Json(new
        {
            notifications = Accepted.Where(a => a.Reference == reference).Select(a => new { id = a.Id, reference = a.Reference, type = "email", status = "delivered" }),
            links = new { current = context.Request.Path + context.Request.QueryString },
        });
    }

    /// <summary>Verifies the JWT independently of the client's library: plain HMAC-SHA256 over "header.payload".</summary>
    private (string? Problem, long? IssuedAt) CheckToken(string authorization)
    {
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            return ("Unauthorized: authentication token must be provided", null);
        var parts = authorization["Bearer ".Length..].Split('.');
        if (parts.Length != 3)
            return ("Invalid token: not a JWT", null);
        using var header = JsonDocument.Parse(Base64Url(parts[0]));
        if (header.RootElement.GetProperty("alg").GetString() != "HS256")
            return ("Invalid token: algorithm must be HS256", null);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SecretKey), Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"));
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url(parts[2])))
            return ("Invalid token: signature, api token not found", null);
        using var claims = JsonDocument.Parse(Base64Url(parts[1]));
        if (claims.RootElement.GetProperty("iss").GetString() != ServiceId)
            return ("Invalid token: service not found", null);
        var iat = claims.RootElement.GetProperty("iat").GetInt64();
        if (Math.Abs(iat - expectedNow().ToUnixTimeSeconds()) > 30)
            return ("Error: Your system clock must be accurate to within 30 seconds", iat);
        return (null, iat);
    }

    private static byte[] Base64Url(string s)
    {
        var padded = s.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
