using Microsoft.Extensions.Configuration;

namespace ShortSentences.App;

public enum RunMode { Local, Azure }

/// <summary>
/// The app's configuration (section "Journeys", set as Journeys__X in app settings or local.settings.json).
/// Under the Functions host the mode is Azure (<see cref="ShortSentences.App.IsolatedWorker.WorkerMain"/>): the host owns
/// triggers and keys. Journeys:Mode "azure" gives that mode to the app's own web host too.
/// </summary>
public sealed record AppSettings(
    RunMode Mode,
    string StorageConnection,
    string? LocalKey,
    int Port,
    TimeSpan TimerInterval,
    TimeSpan QueuePollInterval)
{
    public const int LocalPort = 7071;

    public static AppSettings From(IConfiguration config)
    {
        var mode = string.Equals(config["Journeys:Mode"], "azure", StringComparison.OrdinalIgnoreCase) ? RunMode.Azure : RunMode.Local;
        var port = int.TryParse(config["Journeys:Port"], out var p) ? p : LocalPort;
        return new AppSettings(
            mode,
            config["Journeys:StorageConnection"] ?? config["AzureWebJobsStorage"] ?? "UseDevelopmentStorage=true",
            config["Journeys:LocalKey"],
            port,
            Seconds(config["Journeys:TimerIntervalSeconds"], 60),
            TimeSpan.FromMilliseconds(int.TryParse(config["Journeys:QueuePollMilliseconds"], out var ms) && ms > 0 ? ms : 500));
    }

    private static TimeSpan Seconds(string? text, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(text, out var s) && s > 0 ? s : fallback);
}
