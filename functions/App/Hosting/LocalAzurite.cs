using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using ShortSentences.DurableHost.Local;

namespace ShortSentences.App;

/// <summary>
/// Azurite for `./journeys run`: reuses one already listening on the default ports, else starts the repository's pinned
/// copy (node_modules) on them with its data on disk in .azurite/, so journeys survive a restart of the app or of
/// Azurite. A watchdog stops it when the app's process ends.
/// </summary>
public sealed class LocalAzurite : IAsyncDisposable
{
    public const int BlobPort = 10000, QueuePort = 10001, TablePort = 10002;
    private readonly Process? _process;

    private LocalAzurite(Process? process, string? dataFolder)
    {
        _process = process;
        DataFolder = dataFolder;
    }

    /// <summary>Where the started Azurite keeps its data; null when an Azurite that was already running is used.</summary>
    public string? DataFolder { get; }

    public bool Started => _process is not null;

    public static async Task<LocalAzurite> EnsureAsync(string root, TextWriter log, CancellationToken ct)
    {
        if (await Loopback.Answers(QueuePort, ct) && await Loopback.Answers(TablePort, ct)) return new LocalAzurite(null, null);
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed ({azurite} is missing): run ./journeys setup");
        var data = Path.Combine(root, ".azurite");
        Directory.CreateDirectory(data);
        log.WriteLine($"journeys: starting Azurite (data in {data})");
        var script = "\"$0\" \"$@\" & a=$!; trap 'kill $a 2>/dev/null' TERM INT EXIT; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $a 2>/dev/null; do sleep 1; done; kill $a 2>/dev/null; wait $a";
        var psi = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        foreach (var a in new[]
                 {
                     "-c", script, azurite, "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}", "--queueHost", "127.0.0.1",
                     "--queuePort", $"{QueuePort}", "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}", "--location", data,
                     "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
                 })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start Azurite");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine("azurite: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (!(await Loopback.Answers(QueuePort, ct) && await Loopback.Answers(TablePort, ct)))
        {
            if (process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
                throw new InvalidOperationException("Azurite did not start; is another program using ports 10000-10002?");
            await Task.Delay(200, ct);
        }
        return new LocalAzurite(process, data);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        // SIGTERM, not a kill: Azurite saves its database when it is asked to stop (a kill can lose the last seconds).
        try
        {
            if (!_process.HasExited)
                using (var term = Process.Start(new ProcessStartInfo("kill", $"-TERM {_process.Id}") { UseShellExecute = false }))
                    term?.WaitForExit(5000);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

}
