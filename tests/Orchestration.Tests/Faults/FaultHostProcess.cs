using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Json;
using ShortSentences.DurableHost.Local;
using ShortSentences.TestSupport;

namespace ShortSentences.Orchestration.Tests.Faults;

/// <summary>
/// The local durable host in a process of its own (tests/Orchestration.FaultHost) on one task hub, with a client that
/// outlives its restarts. <see cref="SubmitAsync"/> sends an event until the host acknowledges it, as a feed would:
/// an event whose answer never came (the host was killed, or storage was down) is sent again, with the same event id.
/// </summary>
public sealed class FaultHostProcess : IAsyncDisposable
{
    private readonly KillableProcess _process;
    private readonly HttpClient _http;
    private readonly string _folder;
    private int _resent, _exits;

    public FaultHostProcess(string storageConnection, string taskHub, Instant frozenAt)
    {
        var port = Loopback.FreePorts(1)[0];
        _folder = Path.Combine(Path.GetTempPath(), "fault-host-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        _process = new KillableProcess("dotnet",
            [HostDll(), storageConnection, taskHub, port.ToString(System.Globalization.CultureInfo.InvariantCulture), InstantPattern.ExtendedIso.Format(frozenAt)],
            Path.Combine(_folder, "host.log"), new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, _folder);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Events sent again because no answer came or the host answered with a server error.</summary>
    public int Resent => _resent;
    /// <summary>Times the host ended of itself (not killed by the test), and was started again.</summary>
    public int Exits => _exits;
    public int Starts => _process.Starts;
    public string LogPath => _process.LogPath;
    /// <summary>Keep the host's log (and its folder) after disposing, for a failed run to be looked into.</summary>
    public bool KeepLog { get; set; } = true;
    public string Tail(int lines = 60) => _process.Tail(lines);

    private static string HostDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var dll = Path.Combine(AzuriteInstance.RepositoryRoot(), "tests", "Orchestration.FaultHost", "bin", configuration, "net10.0",
            "ShortSentences.Orchestration.FaultHost.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build tests/Orchestration.FaultHost first ({dll})");
    }

    /// <summary>Starts the host and waits until it answers.</summary>
    public async Task StartAsync()
    {
        await LaunchAsync();
        await WaitUntilReadyAsync();
    }

    /// <summary>Starts the host without waiting for it (a kill may then come while it is still starting).</summary>
    public Task LaunchAsync() => _process.LaunchAsync();

    /// <summary>Waits until the host answers; one that ends before that is started again, as a supervisor would.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            try
            {
                using var ready = await _http.GetAsync("/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the fault host did not answer in time:\n{Tail()}");
            if (await ReapIfExitedAsync()) await _process.LaunchAsync();
            await Task.Delay(100);
        }
    }

    /// <summary>If the host has ended of itself (storage down at its start ends it), counts that and forgets it.</summary>
    public async Task<bool> ReapIfExitedAsync()
    {
        if (_process.Pid is null || !_process.HasExited) return false;
        Interlocked.Increment(ref _exits);
        await _process.ReapAsync();
        return true;
    }

    /// <summary>SIGKILL of the host: nothing it is doing is finished, no answer in flight is sent.</summary>
    public async Task KillAsync()
    {
        await _process.KillAsync();
        _lastKill = DateTime.UtcNow;
    }

    private DateTime _lastKill = DateTime.MinValue;
    private long _longestWaitTicks;

    /// <summary>The longest a send waited for its acknowledgement.</summary>
    public TimeSpan LongestWait => TimeSpan.FromTicks(Interlocked.Read(ref _longestWaitTicks));

    /// <summary>
    /// Sends the event until the host acknowledges it (it is then in the journey's inbox); answers whether the host
    /// called it a duplicate and how many sendings it took.
    /// </summary>
    public async Task<(bool Duplicate, int Attempts)> SubmitAsync(string journeyId, JourneyEvent e, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(e, JourneyJson.Options);
        var first = DateTime.UtcNow;
        var last = "";
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1) Interlocked.Increment(ref _resent);
            var sent = DateTime.UtcNow;
            try
            {
                using var answer = await _http.PostAsync($"/submit/{Uri.EscapeDataString(journeyId)}", new StringContent(json, Encoding.UTF8, "application/json"), ct);
                var body = await answer.Content.ReadAsStringAsync(ct);
                if (answer.IsSuccessStatusCode)
                {
                    var waited = (DateTime.UtcNow - first).Ticks;
                    for (var longest = Interlocked.Read(ref _longestWaitTicks); waited > longest; longest = Interlocked.Read(ref _longestWaitTicks))
                        Interlocked.CompareExchange(ref _longestWaitTicks, waited, longest);
                    return (JsonDocument.Parse(body).RootElement.GetProperty("duplicate").GetBoolean(), attempt);
                }
                if ((int)answer.StatusCode < 500) throw new InvalidOperationException($"the host refused {e.EventId} of {journeyId}: {(int)answer.StatusCode} {body}");
                last = $"{(int)answer.StatusCode} after {(DateTime.UtcNow - sent).TotalSeconds:F1}s: {body}";
            }
            catch (Exception x) when (x is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                last = $"{x.GetType().Name} after {(DateTime.UtcNow - sent).TotalSeconds:F1}s: {x.Message}";
            }
            // Stuck is judged in quiet: a send may starve while the host is killed every few seconds (each life is
            // shorter than some submissions take on a loaded machine), but not for 3 minutes with no kill.
            if (DateTime.UtcNow - (first > _lastKill ? first : _lastKill) > TimeSpan.FromMinutes(3))
                throw new TimeoutException($"{e.EventId} of {journeyId} was not acknowledged in 3 minutes without a kill ({attempt} sendings; the last: {last}):\n{Tail()}");
            await Task.Delay(500, ct);
        }
    }

    /// <summary>The engine's runtime status of the journey's orchestration ("Running", "Completed", ...), null if it has none.</summary>
    public async Task<string?> RuntimeStatusAsync(string journeyId)
    {
        using var answer = await _http.GetAsync($"/journeys/{Uri.EscapeDataString(journeyId)}");
        if (answer.StatusCode == HttpStatusCode.NotFound) return null;
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtime").GetString();
    }

    /// <summary>The engine's record of the journey (status and Durable Task history of its execution), for a failure's message.</summary>
    public async Task<string> EngineViewAsync(string journeyId)
    {
        try { return await _http.GetStringAsync($"/journeys/{Uri.EscapeDataString(journeyId)}/engine"); }
        catch (HttpRequestException e) { return $"(no engine view: {e.Message})"; }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _http.Dispose();
        if (!KeepLog) try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
