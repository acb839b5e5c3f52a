using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShortSentences.DurableHost.Local;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// The app as a separate OS process, started as `./journeys run` starts it (`dotnet ShortSentences.App.dll --local`),
/// against storage that runs in its own process, so a test can SIGKILL it at any moment and start it again. Its
/// output goes to a log file (never a pipe this test holds), as the script's does. A watchdog shell kills it if the
/// test process dies without disposing, so a failed or aborted test leaves no app running.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _folder;
    private Process? _watchdog;

    public AppProcess(string storageConnection, IReadOnlyDictionary<string, string>? settings = null)
    {
        Port = Loopback.FreePorts(1)[0];
        _folder = Path.Combine(Path.GetTempPath(), "app-process-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        LogPath = Path.Combine(_folder, "app.log");
        _environment = new Dictionary<string, string>
        {
            ["Journeys__StorageConnection"] = storageConnection,
            ["Journeys__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Journeys__LocalKey"] = RunningApp.Key,
            ["Staff__NodeModulesPath"] = Repo.Path("node_modules"),
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) _environment[k] = v;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", RunningApp.Key);
    }

    public int Port { get; }
    /// <summary>A client for the app's port that sends the local key; it outlives restarts of the app.</summary>
    public HttpClient Client { get; }
    /// <summary>Everything every run of the app wrote (stdout and stderr), appended run after run.</summary>
    public string LogPath { get; }
    /// <summary>The pid of the running app (the dotnet process itself, not its watchdog).</summary>
    public int? Pid { get; private set; }
    public int Starts { get; private set; }

    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";

    public static string AppDll
    {
        get
        {
            var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            return Repo.Path("functions", "App", "bin", config, "net10.0", "ShortSentences.App.dll");
        }
    }

    /// <summary>Starts the app (not yet waiting for it to answer).</summary>
    public async Task LaunchAsync()
    {
        if (Pid is not null) throw new InvalidOperationException("the app is already running");
        File.AppendAllText(LogPath, $"--- start {Starts + 1} ---\n");
        // The shell starts the app with its output in the log, prints its pid, then watches this test process (its own
        // job notices, "Killed", go nowhere).
        var script = "exec 2>/dev/null; \"$0\" \"$@\" >>\"$APP_LOG\" 2>&1 </dev/null & a=$!; echo $a; " +
                     "trap 'kill -TERM $a 2>/dev/null; wait $a; exit' TERM INT; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $a 2>/dev/null; do sleep 0.5; done; " +
                     "kill -KILL $a 2>/dev/null; wait $a";
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = _folder };
        foreach (var a in new[] { "-c", script, "dotnet", AppDll, "--local" }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in _environment) psi.Environment[k] = v;
        psi.Environment["APP_LOG"] = LogPath;
        _watchdog = Process.Start(psi) ?? throw new InvalidOperationException("could not start the app");
        var line = await _watchdog.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Pid = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);
        Starts++;
    }

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
    public async Task KillAsync()
    {
        if (Pid is not { } pid) return;
        try { using var p = Process.GetProcessById(pid); p.Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        await ReapAsync();
    }

    /// <summary>SIGTERM: the app shuts down gracefully.</summary>
    public async Task StopAsync()
    {
        if (Pid is not { } pid) return;
        Signal(pid, 15);
        await ReapAsync();
    }

    private async Task ReapAsync()
    {
        var watchdog = _watchdog;
        _watchdog = null;
        Pid = null;
        if (watchdog is null) return;
        try { await watchdog.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (TimeoutException) { watchdog.Kill(entireProcessTree: true); }
        watchdog.Dispose();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public string Tail(int lines = 40) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static bool Alive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
