using Microsoft.DurableTask;

namespace ShortSentences.Orchestration.Tests.Host;

/// <summary>
/// Orchestrations that use the engine directly, without the journeys' inbox: they show what the engine itself does
/// (and what it loses), so a test can tell when a fixed package makes the inbox workaround unnecessary.
/// </summary>
public static class RawPathOrchestrations
{
    public const string EventCounter = "TestRawEventCounter";
    public const string Slow = "TestRawSlowActivity";
    public const string Event = "count";

    public static void Register(DurableTaskRegistry r)
    {
        r.AddOrchestratorFunc<int, int>(EventCounter, async (ctx, seen) =>
        {
            // Wait for one event, take a while over it (so more arrive and are buffered), then continue as new
            // asking the engine to carry the buffered ones over, as its documentation promises.
            await ctx.WaitForExternalEvent<int>(Event);
            await ctx.CallActivityAsync(Slow);
            ctx.SetCustomStatus(seen + 1);
            ctx.ContinueAsNew(seen + 1, preserveUnprocessedEvents: true);
            return seen + 1;
        });
        r.AddActivityFunc(Slow, async (TaskActivityContext _) => { await Task.Delay(700); return true; });
    }
}
