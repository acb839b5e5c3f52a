using System.Diagnostics;
using ShortSentences.DurableHost.Local;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// `./journeys run` itself, on free ports and a data folder of its own (the settings the script honours:
/// JOURNEYS_AZURITE_DIR, JOURNEYS_AZURITE_*_PORT, Journeys__Port), using the build the tests run on
/// (JOURNEYS_NO_BUILD). Several runs may share the folder and ports, as restarts do. <see cref="DisposeAsync"/> stops
/// whatever is left (the script, its app, its Azurite) even when a test fails; a watchdog sends the script SIGTERM if
/// the test process dies.
/// </summary>
public sealed class JourneysRun : IAsyncDisposable
{
    private readonly string _folder;
    private readonly int[] _azuritePorts;
    private readonly List<int> _azuritePids = [];
    private Process? _watchdog;

    public JourneysRun()
    {
        _folder = Path.Combine(Path.GetTempPath(), "journeys-run-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var ports = Loopback.FreePorts(4);
        Port = ports[0];
        _azuritePorts = ports[1..];
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", RunningApp.Key);
    }

    public int Port { get; }
    public int TablePort => _azuritePorts[2];
    public HttpClient Client { get; }
    public string AzuriteFolder => Path.Combine(_folder, "azurite");
    public string LogPath => Path.Combine(_folder, "run.log");
    public string Log => File.Exists(LogPath) ? File.ReadAllText(LogPath) : "";
    /// <summary>The pid of the running script (bash), null once it has exited.</summary>
    public int? ScriptPid { get; private set; }
    public int? ExitCode { get; private set; }

    /// <summary>The Azurite the script started, from the pid file it keeps.</summary>
    public int? AzuritePid =>
        File.Exists(Path.Combine(AzuriteFolder, "azurite.pid")) && int.TryParse(File.ReadAllText(Path.Combine(AzuriteFolder, "azurite.pid")).Trim(), out var p) ? p : null;

    /// <summary>The app process the script started (its child running ShortSentences.App.dll).</summary>
    public int? AppPid
    {
        get
        {
            if (ScriptPid is not { } script) return null;
            var children = $"/proc/{script}/task/{script}/children";
            if (!File.Exists(children)) return null;
            foreach (var pid in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse))
            {
                var cmdline = $"/proc/{pid}/cmdline";
                if (File.Exists(cmdline) && File.ReadAllText(cmdline).Contains("ShortSentences.App.dll")) return pid;
            }
            return null;
        }
    }

    /// <summary>Runs `./journeys run` and waits (generously) until the app answers.</summary>
    public async Task StartAsync(int seconds = 180)
    {
        if (ScriptPid is not null) throw new InvalidOperationException("already running");
        File.AppendAllText(LogPath, "--- ./journeys run ---\n");
        var script = "exec 2>/dev/null; \"$0\" \"$@\" >>\"$RUN_LOG\" 2>&1 </dev/null & a=$!; echo $a; " +
                     "trap 'kill -TERM $a 2>/dev/null; wait $a; exit $?' TERM INT; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $a 2>/dev/null; do sleep 0.2; done; " +
                     "kill -TERM $a 2>/dev/null; wait $a; echo $?";
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, WorkingDirectory = Repo.Root };
        foreach (var a in new[] { "-c", script, Repo.Path("journeys"), "run" }) psi.ArgumentList.Add(a);
        psi.Environment["RUN_LOG"] = LogPath;
        psi.Environment["JOURNEYS_NO_BUILD"] = "1";
        psi.Environment["JOURNEYS_AZURITE_DIR"] = AzuriteFolder;
        psi.Environment["JOURNEYS_AZURITE_BLOB_PORT"] = _azuritePorts[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["JOURNEYS_AZURITE_QUEUE_PORT"] = _azuritePorts[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["JOURNEYS_AZURITE_TABLE_PORT"] = _azuritePorts[2].ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["Journeys__Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["Journeys__LocalKey"] = RunningApp.Key;
        psi.Environment.Remove("Journeys__StorageConnection");
        _watchdog = Process.Start(psi) ?? throw new InvalidOperationException("could not start ./journeys run");
        ScriptPid = int.Parse((await _watchdog.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!, System.Globalization.CultureInfo.InvariantCulture);
        ExitCode = null;

        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        using var probe = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        while (true)
        {
            try
            {
                using var health = await probe.GetAsync("/api/health");
                if (health.IsSuccessStatusCode) break;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (_watchdog.HasExited) throw new InvalidOperationException($"./journeys run exited before the app answered:\n{Log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"./journeys run did not answer within {seconds}s:\n{Log}");
            await Task.Delay(200);
        }
        if (AzuritePid is { } azurite && !_azuritePids.Contains(azurite)) _azuritePids.Add(azurite);
    }

    /// <summary>SIGTERM to the script (what Ctrl+C does for a terminal), then its exit code once it has finished.</summary>
    public Task<int> TerminateAsync() => SignalAndWaitAsync(() => AppProcessSignals.Send(ScriptPid!.Value, 15));

    /// <summary>SIGKILL of the app the script started; the script then exits by itself with the app's status.</summary>
    public Task<int> KillAppAsync() => SignalAndWaitAsync(() =>
    {
        var app = AppPid ?? throw new InvalidOperationException("no app process under ./journeys run");
        AppProcessSignals.Send(app, 9);
    });

    private async Task<int> SignalAndWaitAsync(Action signal)
    {
        var watchdog = _watchdog ?? throw new InvalidOperationException("not running");
        signal();
        // The watchdog prints the script's exit status when the script ends by itself; on SIGTERM it exits with it.
        var line = await watchdog.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
        await watchdog.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        ExitCode = int.TryParse(line, out var code) ? code : watchdog.ExitCode;
        watchdog.Dispose();
        _watchdog = null;
        ScriptPid = null;
        return ExitCode.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_watchdog is { } w)
        {
            if (AppPid is { } app) AppProcessSignals.Send(app, 9);
            if (ScriptPid is { } script) AppProcessSignals.Send(script, 9);
            try { w.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            w.Dispose();
        }
        if (AzuritePid is { } current && !_azuritePids.Contains(current)) _azuritePids.Add(current);
        foreach (var pid in _azuritePids.Where(AppProcess.Alive)) AppProcessSignals.Send(pid, 9);
        Client.Dispose();
        await Task.Delay(200);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>POSIX signals to processes this test did not start itself (the script's children).</summary>
public static class AppProcessSignals
{
    public static void Send(int pid, int signal) => _ = Kill(pid, signal);

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
