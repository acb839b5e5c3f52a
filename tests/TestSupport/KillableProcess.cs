using System.Diagnostics;

namespace ShortSentences.TestSupport;

/// <summary>
/// A program run as an OS process of its own, so that a test can SIGKILL it at any moment and start it again. Its
/// output goes to a log file, appended run after run, never to a pipe the test holds (a pipe left unread blocks the
/// program; one closed by the test kills it). A watchdog shell kills it if the test process dies without disposing,
/// so a failed or aborted test leaves nothing running.
/// </summary>
public sealed class KillableProcess(string program, IReadOnlyList<string> arguments, string logPath,
    IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) : IAsyncDisposable
{
    private Process? _watchdog;

    /// <summary>Everything every run wrote (stdout and stderr).</summary>
    public string LogPath => logPath;
    /// <summary>The pid of the running program (not of its watchdog); null when not started or killed.</summary>
    public int? Pid { get; private set; }
    public int Starts { get; private set; }

    /// <summary>True once the program started last has ended, of itself or killed.</summary>
    public bool HasExited => Pid is not { } pid || !Alive(pid);

    public string Log => File.Exists(logPath) ? File.ReadAllText(logPath) : "";

    public string Tail(int lines = 40) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    /// <summary>Starts the program (without waiting for it to be ready: that is the caller's to judge).</summary>
    public async Task LaunchAsync()
    {
        if (Pid is not null) throw new InvalidOperationException("the program is already running");
        File.AppendAllText(logPath, $"--- start {Starts + 1} ---\n");
        // The shell starts the program with its output in the log, prints its pid, then watches this test process
        // (its own job notices, "Killed", go nowhere).
        var script = "exec 2>/dev/null; \"$0\" \"$@\" >>\"$KILLABLE_LOG\" 2>&1 </dev/null & a=$!; echo $a; " +
                     "trap 'kill -TERM $a 2>/dev/null; wait $a; exit' TERM INT; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $a 2>/dev/null; do sleep 0.5; done; " +
                     "kill -KILL $a 2>/dev/null; wait $a";
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        if (workingDirectory is not null) psi.WorkingDirectory = workingDirectory;
        foreach (var a in new[] { "-c", script, program }.Concat(arguments)) psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        psi.Environment["KILLABLE_LOG"] = logPath;
        _watchdog = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {program}");
        var line = await _watchdog.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Pid = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);
        Starts++;
    }

    /// <summary>SIGKILL: no shutdown code runs, requests in flight get no answer.</summary>
    public async Task KillAsync()
    {
        if (Pid is not { } pid) return;
        try { using var p = Process.GetProcessById(pid); p.Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        await ReapAsync();
    }

    /// <summary>SIGTERM: the program shuts down gracefully.</summary>
    public async Task StopAsync()
    {
        if (Pid is not { } pid) return;
        Signal(pid, 15);
        await ReapAsync();
    }

    /// <summary>Forgets a program that has ended of itself, so that it can be launched again.</summary>
    public Task ReapAsync()
    {
        var watchdog = _watchdog;
        _watchdog = null;
        Pid = null;
        return watchdog is null ? Task.CompletedTask : WaitOutAsync(watchdog);
    }

    private static async Task WaitOutAsync(Process watchdog)
    {
        try { await watchdog.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)); }
        catch (TimeoutException) { watchdog.Kill(entireProcessTree: true); }
        watchdog.Dispose();
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    public static bool Alive(int pid)
    {
        try { using var p = Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
