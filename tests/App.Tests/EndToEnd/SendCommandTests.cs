using System.Diagnostics;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>`./journeys send FILE...` posts the samples to a running app with the key and prints each answer.</summary>
public sealed class SendCommandTests(AzuriteForClass storage) : IClassFixture<AzuriteForClass>
{
    [Fact]
    public async Task Sending_the_samples_posts_sentences_and_domain_events_and_prints_each_status()
    {
        // After the last sample's occurredAt (the release on 2027-01-04): events from the future are refused.
        await using var app = await RunningApp.StartAsync(storage.Azurite, new TestClock(NodaTime.Instant.FromUtc(2027, 1, 5, 12, 0)), timerSeconds: 3600);
        var (exit, output) = await Send("samples/", "--url", app.BaseAddress.ToString().TrimEnd('/'), "--key", RunningApp.Key);
        Assert.True(exit == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Directory.GetFiles(Repo.Path("samples"), "*.json").Length, lines.Length);
        Assert.Contains(lines, l => l.Contains("01-sentence-6-months.json") && l.Contains("POST /api/sentences 201") && l.Contains("J-X777519-S1"));
        Assert.Contains(lines, l => l.Contains("11-domain-com-allocated.json") && l.Contains("POST /api/events 202") && l.Contains("applied"));
        Assert.Contains(lines, l => l.Contains("19-domain-unknown-type.json") && l.Contains("ignored-unknown-type"));

        var (again, repeated) = await Send("samples/01-sentence-6-months.json", "--url", app.BaseAddress.ToString().TrimEnd('/'), "--key", RunningApp.Key);
        Assert.Equal(0, again);
        Assert.Contains("POST /api/sentences 200", repeated);

        var (refused, unauthorised) = await Send("samples/01-sentence-6-months.json", "--url", app.BaseAddress.ToString().TrimEnd('/'), "--key", "wrong");
        Assert.Equal(1, refused);
        Assert.Contains("401", unauthorised);
    }

    private static async Task<(int Exit, string Output)> Send(params string[] args)
    {
        var config = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var cli = Repo.Path("functions", "Cli", "bin", config, "net10.0", "ShortSentences.Cli.dll");
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(cli);
        psi.ArgumentList.Add("send");
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (process.ExitCode, await stdout + await stderr);
    }
}
