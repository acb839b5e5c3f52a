using System.Diagnostics;
using Microsoft.DurableTask;
using ShortSentences.DurableHost;

namespace ShortSentences.Cli.Durable;

/// <summary>
/// The floor this engine gives, on the same host and storage as the journeys: an orchestration of the journeys'
/// shape that does nothing: one activity that does nothing, wait for an external event, continue as new. The activity
/// runs first in each execution so that it reports "ready" only once the previous ContinueAsNew is committed: an event
/// raised before that would be lost by the local sidecar's known bug (docs/runtime.md), and the measure would hang.
/// </summary>
public static class BareLoop
{
    private const string Name = "BenchBareLoop", Nothing = "BenchNothing", Event = "go";
    private static readonly ProgressSignals Signals = new();

    public sealed record Ping(string Id, int Step);

    public static void Register(DurableTaskRegistry r)
    {
        r.AddOrchestratorFunc<int, int>(Name, async (ctx, step) =>
        {
            await ctx.CallActivityAsync<bool>(Nothing, new Ping(ctx.InstanceId, step));
            await ctx.WaitForExternalEvent<int>(Event);
            ctx.ContinueAsNew(step + 1, preserveUnprocessedEvents: false);
            return step + 1;
        });
        r.AddActivityFunc<Ping, bool>(Nothing, (_, p) => { Signals.Report(p.Id, p.Step); return true; });
    }

    /// <summary>Events per second: <paramref name="instances"/> at once, each taking <paramref name="events"/> in turn.</summary>
    public static async Task<Throughput> Measure(LocalDurableHost host, int instances, int events)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, instances).Select(i => $"bare-{run}-{i}").ToList();
        await Task.WhenAll(ids.Select(id => host.Client.ScheduleNewOrchestrationInstanceAsync(Name, 0, new StartOrchestrationOptions(id))));
        await Task.WhenAll(ids.Select(id => Signals.WhenReached(id, 0, TimeSpan.FromMinutes(2))));
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(ids.Select(async id =>
        {
            for (var k = 1; k <= events; k++)
            {
                await host.Client.RaiseEventAsync(id, Event, k);
                await Signals.WhenReached(id, k, TimeSpan.FromMinutes(2));
            }
        }));
        var measured = new Throughput(instances * events, clock.Elapsed);
        await Task.WhenAll(ids.Select(id => host.Client.TerminateInstanceAsync(id)));
        return measured;
    }
}
