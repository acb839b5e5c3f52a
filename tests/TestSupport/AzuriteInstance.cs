using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ShortSentences.DurableHost.Local;

namespace ShortSentences.TestSupport;

/// <summary>
/// A real Azurite (from the repository's pinned node_modules) started on free ports, with its data in a private
/// folder so it can be stopped and started again with the same data (fault tests). The process tree is killed on
/// dispose, and a watchdog kills it if the test process dies without disposing.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    private readonly string _azurite;
    private readonly string _location;
    private readonly bool _inMemory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    /// <summary>The folder holding Azurite's data; kept across <see cref="RestartAsync"/>.</summary>
    public string Location => _location;

    /// <summary>Shared Key, for the Azure SDK clients (<c>StorageClients.From</c>) and the Durable Task provider.</summary>
    public string ConnectionString => DevelopmentStorage.ConnectionString(BlobPort, QueuePort, TablePort);

    public bool IsRunning => _process is { HasExited: false };

    private AzuriteInstance(string azurite, bool inMemory)
    {
        _azurite = azurite;
        _inMemory = inMemory;
        // In memory, Azurite writes nothing, so it needs no folder of its own.
        _location = inMemory ? Path.GetTempPath()
            : Path.Combine(Path.GetTempPath(), "azurite-tests-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_location);
        var ports = Loopback.FreePorts(3);
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
    }

    /// <summary>Starts a new Azurite of its own. <paramref name="inMemory"/> is faster but loses data on restart.</summary>
    public static async Task<AzuriteInstance> StartNewAsync(bool inMemory = false, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var instance = new AzuriteInstance(FindAzurite(), inMemory);
            try
            {
                await instance.StartAsync(ct);
                return instance;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("EADDRINUSE"))
            {
                // Another process took one of the free ports between our probe and Azurite's bind: pick new ones.
                await instance.DisposeAsync();
            }
            catch
            {
                await instance.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts Azurite again on the same ports and folder (after <see cref="StopAsync"/>).</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        if (IsRunning) return;
        lock (_output) _output.Clear();
        var args = new List<string>
        {
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
            // Keep idle connections open longer than the client's pool keeps them, so no request meets a closed socket.
            "--queueKeepAliveTimeout", "30", "--tableKeepAliveTimeout", "30", "--blobKeepAliveTimeout", "30",
        };
        // Azurite refuses --location together with --inMemoryPersistence.
        args.AddRange(_inMemory ? ["--inMemoryPersistence"] : ["--location", _location]);

        // A watchdog shell owns Azurite: SIGTERM to it stops Azurite cleanly (data saved); if this test process dies
        // without disposing, it kills Azurite within a second and deletes the data folder.
        var script = "\"$0\" \"$@\" & a=$!; trap 'kill -TERM $a 2>/dev/null; wait $a; exit' TERM INT; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $a 2>/dev/null; do sleep 1; done; " +
                     $"if ! kill -0 {Environment.ProcessId} 2>/dev/null; then kill $a 2>/dev/null; wait $a; " +
                     "[ -n \"$AZURITE_TEST_FOLDER\" ] && rm -rf \"$AZURITE_TEST_FOLDER\"; fi";
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(_azurite);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = _location;
        psi.Environment["AZURITE_TEST_FOLDER"] = _inMemory ? "" : _location;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!(await Loopback.Answers(TablePort, ct) && await Loopback.Answers(QueuePort, ct)))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it was ready:\n{Output}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Azurite did not answer on ports {TablePort}/{QueuePort} within 60 s:\n{Output}");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Stops Azurite the way a service restart would: SIGTERM, so it saves its data (Azurite writes its database to
    /// disk only every 5 s and on a clean shutdown), then waits until its ports are closed. Killed if it does not stop.
    /// </summary>
    public Task StopAsync() => StopAsync(graceful: true);

    /// <summary>Kills Azurite at once (SIGKILL): like a crash, writes from its last 5 seconds may be lost.</summary>
    public Task CrashAsync() => StopAsync(graceful: false);

    private async Task StopAsync(bool graceful)
    {
        var process = _process;
        _process = null;
        if (process is null) return;
        try
        {
            if (graceful && !process.HasExited && SendSignal(process.Id, SigTerm) == 0)
            {
                try { await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15)); }
                catch (TimeoutException) { }
            }
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException) { }
        finally { process.Dispose(); }
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await Loopback.Answers(TablePort, default) || await Loopback.Answers(QueuePort, default)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Stops and starts Azurite on the same ports and data folder, as a crash and recovery would.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await StartAsync(ct);
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Kills Azurite synchronously (for process-exit handlers, where nothing may be awaited).</summary>
    public void Kill()
    {
        try { _process?.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: false); // the data folder is deleted next: nothing to save
        if (_inMemory) return;
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>node_modules/.bin/azurite under the repository root (the folder holding Serverless.sln).</summary>
    public static string FindAzurite()
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run ./journeys setup (it installs the npm packages pinned in package.json).");
        return azurite;
    }

    public static string RepositoryRoot() => AzuriteProcess.RepositoryRoot(AppContext.BaseDirectory);


}
