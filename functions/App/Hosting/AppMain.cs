using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ShortSentences.App;

/// <summary>
/// Starts the app on its own web host, as `./journeys run` does (--local): it reads local.settings.json (made on first
/// run with a fresh key), starts Azurite if none is running, creates the tables and queues, runs the local trigger
/// runner and the local durable host, and prints where everything is. (In Azure the Functions host starts the app as
/// its isolated worker instead: <see cref="IsolatedWorker.WorkerMain"/>.)
/// </summary>
public static class AppMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--load-test")) return await LoadTest.RunAsync(args);
        var local = args.Contains("--local");
        IReadOnlyDictionary<string, string?>? settings = null;
        string? root = null;
        if (local)
        {
            root = LocalSettings.FindRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
            var path = LocalSettings.Ensure(root);
            var values = path is null ? new Dictionary<string, string?>() : new Dictionary<string, string?>(LocalSettings.Read(path));
            values["Journeys:Mode"] = "local";
            values.TryAdd("Staff:NodeModulesPath", Path.Combine(root, "node_modules"));
            settings = values;
        }
        await using var app = AppHost.Build(args.Where(a => a != "--local").ToArray(), JourneysComposition.Add, settings);
        var appSettings = app.Services.GetRequiredService<AppSettings>();

        LocalAzurite? azurite = null;
        try
        {
            if (local && appSettings.StorageConnection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
                azurite = await LocalAzurite.EnsureAsync(root!, Console.Error, CancellationToken.None);
            // Storage that is down at start does not stop the app: it answers 503 with Retry-After meanwhile, and
            // creates its tables and queues as soon as storage answers, saying so once per outage, not once per poll.
            var setup = app.Services.GetRequiredService<StorageSetup>();
            var ready = await setup.TryEnsureAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            if (!ready) app.Services.GetRequiredService<ShortSentences.App.Http.StorageOutage>().Report("setup at start");
            await app.StartAsync();
            if (local) PrintWelcome(appSettings, azurite);
            await app.WaitForShutdownAsync();
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException or Azure.RequestFailedException)
        {
            Console.Error.WriteLine($"journeys: could not start: {e.Message}");
            return 1;
        }
        finally
        {
            if (azurite is not null) await azurite.DisposeAsync();
        }
    }

    private static void PrintWelcome(AppSettings s, LocalAzurite? azurite)
    {
        var url = $"http://127.0.0.1:{s.Port}";
        Console.WriteLine($"""

            Short Sentence Journeys is running (local mode; Ctrl+C stops it)
              API          {url}/api        OpenAPI: {url}/api/openapi.json   health: {url}/api/health
              Staff pages  {url}/staff
              Azurite      tables http://127.0.0.1:{LocalAzurite.TablePort}, queues http://127.0.0.1:{LocalAzurite.QueuePort}{(azurite?.DataFolder is { } d ? $" (data in {d})" : " (already running)")}
              Local key    {s.LocalKey}
                           send it as the header 'x-functions-key' (it is Journeys__LocalKey in local.settings.json)
              Triggers     timer every {s.TimerInterval.TotalSeconds:0}s; queues '{LocalQueues.DomainEvents}' (stands in for Service Bus) and 'reminders'
              Try          ./journeys send samples/
            """);
    }
}
