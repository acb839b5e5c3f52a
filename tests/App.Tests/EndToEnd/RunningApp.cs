using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using ShortSentences.TestSupport;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>A clock that runs with real time from a chosen start, and can be moved forward (to reach deadlines).</summary>
public sealed class TestClock(Instant start) : TimeProvider
{
    private readonly DateTimeOffset _realStart = DateTimeOffset.UtcNow;
    private long _skippedTicks;

    public override DateTimeOffset GetUtcNow() =>
        start.ToDateTimeOffset() + (DateTimeOffset.UtcNow - _realStart) + TimeSpan.FromTicks(Interlocked.Read(ref _skippedTicks));

    public void Advance(Duration by) => Interlocked.Add(ref _skippedTicks, by.BclCompatibleTicks);
}

/// <summary>
/// The app as `./journeys run` runs it (local mode: key check, local trigger runner) or as the Functions host runs it
/// (Azure mode), on a free loopback port, against a real Azurite. Disposing it stops the process's app entirely; a new
/// one on the same Azurite is a restart.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    public const string Key = "e2e-local-key-5f1c";

    private readonly WebApplication _app;

    private RunningApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Keyed = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Keyed.DefaultRequestHeaders.Add("x-functions-key", Key);
    }

    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    /// <summary>A client that sends the local key.</summary>
    public HttpClient Keyed { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<RunningApp> StartAsync(AzuriteInstance azurite, TimeProvider clock, bool azureMode = false,
        int timerSeconds = 1, Action<IServiceCollection>? services = null)
    {
        var port = FreePort();
        var settings = new Dictionary<string, string?>
        {
            ["Journeys:Mode"] = azureMode ? "azure" : "local",
            ["Journeys:StorageConnection"] = azurite.ConnectionString,
            ["Journeys:LocalKey"] = Key,
            ["Journeys:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Journeys:TimerIntervalSeconds"] = timerSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Journeys:QueuePollMilliseconds"] = "100",
            ["Staff:NodeModulesPath"] = Repo.Path("node_modules"),
        };
        var app = AppHost.Build([], (s, appSettings, config) =>
        {
            JourneysComposition.Add(s, appSettings, config);
            s.Replace(ServiceDescriptor.Singleton(clock));
            services?.Invoke(s);
        }, settings);
        await app.Services.GetRequiredService<StorageSetup>().EnsureAsync(TimeSpan.FromSeconds(30), default);
        await app.StartAsync();
        // Started means the journeys' engine runs too (it starts in the background, as storage may be down).
        await app.Services.GetRequiredService<ShortSentences.App.Journeys.Durable.JourneyEngine>().ClientAsync(default);
        return new RunningApp(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json, bool withKey = true)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await (withKey ? Keyed : Client).PostAsync(path, content);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Keyed.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Polls until <paramref name="ready"/> holds (the local runner works asynchronously), failing after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> ready, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (ready(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {seconds}s for {what}; last value: {value}");
            await Task.Delay(150);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Keyed.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        try { return ((IPEndPoint)l.LocalEndpoint).Port; }
        finally { l.Stop(); }
    }
}

/// <summary>One private Azurite (data on disk, so it can be restarted) for the tests of one class.</summary>
public sealed class AzuriteForClass : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public async Task InitializeAsync() => Azurite = await AzuriteInstance.StartNewAsync(inMemory: false);

    public async Task DisposeAsync() => await Azurite.DisposeAsync();
}
