using System.Net;
using ShortSentences.DurableHost.Local;
using Xunit;

namespace ShortSentences.App.Tests.EndToEnd;

/// <summary>
/// `./journeys run` owns two processes, the app and Azurite (its own, data on disk): SIGTERM (Ctrl+C) stops both
/// cleanly with the data kept; a SIGKILL of the app leaves Azurite running with every acknowledged write, and the next
/// `./journeys run` straight after uses it.
/// </summary>
public sealed class RunScriptTests
{
    [Fact]
    public async Task Stopping_journeys_run_with_SIGTERM_stops_the_app_and_its_Azurite_and_keeps_what_was_written()
    {
        await using var run = new JourneysRun();
        await run.StartAsync();
        var (app, azurite) = (run.AppPid, run.AzuritePid);
        Assert.NotNull(app);
        Assert.NotNull(azurite);
        using (var started = await Post(run, "T600001")) Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        Assert.Equal(0, await run.TerminateAsync());

        Assert.False(AppProcess.Alive(app!.Value), "the app is still running");
        Assert.False(AppProcess.Alive(azurite!.Value), "Azurite is still running");
        Assert.Null(run.AzuritePid); // its pid file is gone with it
        Assert.False(await Loopback.Answers(run.TablePort, default));
        Assert.Contains("stopping Azurite", run.Log);

        // Azurite saved its data when asked to stop: the next run has the journey.
        await run.StartAsync();
        Assert.Contains("starting Azurite", run.Log.Split("--- ./journeys run ---").Last());
        using (var journey = await run.Client.GetAsync("/api/journeys/J-T600001-S1")) Assert.Equal(HttpStatusCode.OK, journey.StatusCode);
        Assert.Equal(0, await run.TerminateAsync());
    }

    [Fact]
    public async Task After_the_app_is_killed_journeys_run_again_at_once_uses_the_Azurite_still_running_with_its_data()
    {
        await using var run = new JourneysRun();
        await run.StartAsync();
        var azurite = run.AzuritePid;
        using (var started = await Post(run, "T600002")) Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        var exit = await run.KillAppAsync();

        Assert.NotEqual(0, exit);
        Assert.True(AppProcess.Alive(azurite!.Value), "Azurite stopped with the app");
        Assert.Contains("keeps running with its data", run.Log);

        await run.StartAsync();
        Assert.Contains($"using Azurite (pid {azurite}) left running by an earlier run", run.Log.Split("--- ./journeys run ---").Last());
        Assert.Equal(azurite, run.AzuritePid);
        using (var journey = await run.Client.GetAsync("/api/journeys/J-T600002-S1")) Assert.Equal(HttpStatusCode.OK, journey.StatusCode);
        using (var next = await Post(run, "T600003")) Assert.Equal(HttpStatusCode.Created, next.StatusCode);

        Assert.Equal(0, await run.TerminateAsync());
        Assert.False(AppProcess.Alive(azurite.Value), "Azurite is still running after SIGTERM");
    }

    private static Task<HttpResponseMessage> Post(JourneysRun run, string crn) =>
        run.Client.PostAsync("/api/sentences", new StringContent(Samples.Sentence(crn, $"T{crn[^4..]}TT"), System.Text.Encoding.UTF8, "application/json"));
}
