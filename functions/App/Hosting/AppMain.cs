namespace ShortSentences.App;

/// <summary>Starting the app in either mode. Phase 2 wires the journeys runtime and the local trigger runner.</summary>
public static class AppMain
{
    public static async Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("journeys: the app's journey runtime is not wired yet");
        await Task.CompletedTask;
        return 1;
    }
}
