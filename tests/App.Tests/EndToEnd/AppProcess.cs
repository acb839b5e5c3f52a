using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShortSentences.DurableHost.Local;
using ShortSentences.TestSupport;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// The app as a separate OS process, started as `./journeys run` starts it (`dotnet ShortSentences.App.dll --local`),
/// against storage that runs in its own process, so a test can SIGKILL it at any moment and start it again. Its
/// output goes to a log file (never a pipe this test holds), as the script's does. A watchdog shell kills it if the
/// test process dies without disposing, so a failed or aborted test leaves no app running.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string _folder;
    private readonly KillableProcess _process;

    public AppProcess(string storageConnection, IReadOnlyDictionary<string, string>? settings = null)
    {
        Port = Loopback.FreePorts(1)[0];
        _folder = Path.Combine(Path.GetTempPath(), "app-process-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var environment = new Dictionary<string, string>
        {
            ["Journeys__StorageConnection"] = storageConnection,
            ["Journeys__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Journeys__LocalKey"] = RunningApp.Key,
            ["Staff__NodeModulesPath"] = Repo.Path("node_modules"),
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) environment[k] = v;
        _process = new KillableProcess("dotnet", [AppDll, "--local"], Path.Combine(_folder, "app.log"), environment, _folder);
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", RunningApp.Key);
    }

    public int Port { get; }
    /// <summary>A client for the app's port that sends the local key; it outlives restarts of the app.</summary>
    public HttpClient Client { get; }
    /// <summary>Everything every run of the app wrote (stdout and stderr), appended run after run.</summary>
    public string LogPath => _process.LogPath;
    /// <summary>The pid of the running app (the dotnet process itself, not its watchdog).</summary>
    public int? Pid => _process.Pid;
    public int Starts => _process.Starts;

    public string Log => _process.Log;

    public static string AppDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            return Repo.Path("functions", "App", "bin", config, "net10.0", "ShortSentences.App.dll");
        }
    }

    /// <summary>Starts the app (not yet waiting for it to answer).</summary>
    public Task LaunchAsync() => _process.LaunchAsync();

    /// <summary>Starts the app and waits (generously: the machine is shared) until its health endpoint answers.</summary>
    public async Task StartAsync(int seconds = 180)
    {
        await LaunchAsync();
        await WaitUntilAnsweringAsync(seconds);
    }

    public async Task WaitUntilAnsweringAsync(int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        using var probe = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            try
            {
                using var health = await probe.GetAsync("/api/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (Pid is { } pid && !Alive(pid)) throw new InvalidOperationException($"the app exited before it answered:\n{Tail()}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the app did not answer within {seconds}s:\n{Tail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL of the app: no shutdown code runs, requests in flight get no answer.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <summary>SIGTERM: the app shuts down gracefully.</summary>
    public Task StopAsync() => _process.StopAsync();

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public string Tail(int lines = 40) => _process.Tail(lines);

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static bool Alive(int pid) => KillableProcess.Alive(pid);
}
