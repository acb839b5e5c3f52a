using System.Diagnostics;
using System.Reflection;

namespace ShortSentences.Infra.Tests;

/// <summary>
/// The bicep CLI that restore downloaded (PackageDownload of Azure.Bicep.CommandLine.linux-x64 in this project), so a
/// fresh clone needs nothing installed by hand. Every diagnostic bicep prints is a line "file(line,col) : Level code: text".
/// </summary>
public static class Bicep
{
    public static string Executable { get; } = Find();

    public static string Repo(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln"))) return Path.Combine([dir.FullName, .. parts]);
        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }

    public static async Task<BicepRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // No telemetry or update checks: the machine reaches only package registries.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new BicepRun(process.ExitCode, await stdout, await stderr);
    }

    private static string Find()
    {
        var path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPath").Value!;
        if (!File.Exists(path)) throw new FileNotFoundException($"bicep CLI not restored; run dotnet restore (looked for {path})", path);
        // NuGet does not always keep the executable bit when it extracts a package.
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0) File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        return path;
    }
}

public sealed record BicepRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Warning and error lines from either stream (bicep exits 0 with warnings).</summary>
    public IReadOnlyList<string> Diagnostics =>
        (Output + "\n" + Errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Where(l => l.Contains(" : Warning ", StringComparison.Ordinal) || l.Contains(" : Error ", StringComparison.Ordinal))
        .Distinct().ToList();
}
