using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Xunit;

namespace ShortSentences.App.Tests.Functions;

/// <summary>
/// The deployment artefact: `dotnet publish` of the app gives the folder the README's deploy steps zip and deploy. The
/// Functions host needs host.json, functions.metadata and the worker (its config and assembly) at its root.
/// </summary>
public class PublishTests
{
    [Fact]
    public async Task Publishing_the_app_gives_a_folder_with_host_json_the_function_metadata_and_the_worker()
    {
        var configuration = typeof(PublishTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var output = Path.Combine(Path.GetTempPath(), "publish-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // --no-build: the app was built beside these tests; publishing lays that build out as the host reads it.
            var (code, log) = await DotnetAsync("publish", Repo.Path("functions", "App", "App.csproj"), "-c", configuration, "--no-build", "-o", output);
            Assert.True(code == 0, $"dotnet publish failed ({code}):\n{log}");
            foreach (var file in new[] { "host.json", "functions.metadata", "worker.config.json", "extensions.json", "ShortSentences.App.dll" })
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is not in the published folder");
            using var worker = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "worker.config.json")));
            Assert.Equal("ShortSentences.App.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());
            Assert.False(Directory.EnumerateFiles(output, "function.json", SearchOption.AllDirectories).Any(), "a hand-written function.json was published");
            using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "functions.metadata")));
            Assert.Equal(FunctionMetadata.Built().Count, metadata.RootElement.GetArrayLength());
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int Code, string Log)> DotnetAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
