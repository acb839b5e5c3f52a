using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ShortSentences.DurableHost.Local;

/// <summary>
/// Azurite from the repository's pinned node_modules, on free ports, for tools that need their own storage account
/// (`./journeys bench`). A watchdog shell kills it if this process dies first. Tests use TestSupport's AzuriteInstance,
/// which works the same way.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _location;
    private readonly StringBuilder _output = new();

    private AzuriteProcess(Process process, string location, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>For the Azure SDK and the Durable Task provider (which needs blobs too, for its leases).</summary>
    public string ConnectionString => DevelopmentStorage.ConnectionString(BlobPort, QueuePort, TablePort);

    public static async Task<AzuriteProcess> Start(string repositoryRoot, bool inMemory, CancellationToken ct)
    {
        var azurite = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed at {azurite}: run ./journeys setup");
        var location = Path.Combine(Path.GetTempPath(), $"azurite-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(location);
        var ports = Loopback.FreePorts(3);
        string P(int i) => ports[i].ToString(CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "--blobHost", "127.0.0.1", "--blobPort", P(0), "--queueHost", "127.0.0.1", "--queuePort", P(1),
            "--tableHost", "127.0.0.1", "--tablePort", P(2),
            "--skipApiVersionCheck", "--loose", "--silent", "--disableTelemetry",
            "--queueKeepAliveTimeout", "30", "--tableKeepAliveTimeout", "30", "--blobKeepAliveTimeout", "30",
        };
        args.AddRange(inMemory ? ["--inMemoryPersistence"] : ["--location", location]);
        var script = "\"$0\" \"$@\" & a=$!; trap 'kill $a 2>/dev/null' TERM INT EXIT; " +
                     $"while kill -0 {Environment.ProcessId} 2>/dev/null && kill -0 $a 2>/dev/null; do sleep 1; done; kill $a 2>/dev/null; wait $a";
        var psi = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = location,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(azurite);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start Azurite");
        var result = new AzuriteProcess(process, location, ports[0], ports[1], ports[2]);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (result._output) result._output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (result._output) result._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!(await Loopback.Answers(ports[1], ct) && await Loopback.Answers(ports[2], ct)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await result.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start:\n{result._output}");
            }
            await Task.Delay(100, ct);
        }
        return result;
    }

    /// <summary>The folder holding Serverless.sln, above <paramref name="from"/>.</summary>
    public static string RepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Serverless.sln above {from}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        _process.Dispose();
        try { Directory.Delete(_location, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }


}
