using System.Diagnostics;
using ShortSentences.TestSupport;

namespace ShortSentences.Runtime.Tests.FaultTest;

/// <summary>One worker process (tests/Runtime.Worker) that the fault test starts and kills with SIGKILL.</summary>
public sealed class WorkerProcess(string connectionString, string prefix) : IDisposable
{
    private Process? _process;

    public static string WorkerDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}")
            ? "Debug" : "Release";
        var dll = Path.Combine(AzuriteInstance.RepositoryRoot(), "tests", "Runtime.Worker", "bin", configuration, "net10.0",
            "ShortSentences.Runtime.Worker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build tests/Runtime.Worker first ({dll})");
    }

    public void Start()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(WorkerDll());
        psi.ArgumentList.Add(connectionString);
        psi.ArgumentList.Add(prefix);
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start a worker");
        ReadyAt = null;
        _process.OutputDataReceived += (_, e) => { if (e.Data == "ready") ReadyAt = DateTime.UtcNow; };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>When the running process said it was ready (null while starting).</summary>
    public DateTime? ReadyAt { get; private set; }

    /// <summary>SIGKILL: the process gets no chance to finish what it is doing.</summary>
    public void Kill()
    {
        var p = _process;
        _process = null;
        if (p is null) return;
        try { p.Kill(entireProcessTree: true); p.WaitForExit(10_000); }
        catch (InvalidOperationException) { }
        p.Dispose();
    }

    public void Dispose() => Kill();
}
