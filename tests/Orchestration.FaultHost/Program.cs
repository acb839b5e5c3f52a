using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime.Text;
using ShortSentences.DurableHost;
using ShortSentences.Journeys.Events;
using ShortSentences.Journeys.Json;
using ShortSentences.Journeys.Rules;
using ShortSentences.Orchestration.FaultHost;
using ShortSentences.Orchestration.Storage;

// The local durable host for the fault test, in a process the test can SIGKILL at any moment:
//   FaultHost <storage connection string> <task hub (also the tables' prefix)> <HTTP port> <frozen instant, ISO-8601>
// POST /submit/{journeyId} with a journey event's JSON answers 200 only once JourneyClient.SubmitAsync has returned
// (the event is in the journey's inbox and the journey woken or started); GET /journeys/{journeyId} answers the
// engine's view of the journey (/engine: its Durable Task history too); GET /ready answers once both are up. "ready" on standard output says the same.
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: FaultHost <storage connection string> <task hub> <HTTP port> <frozen instant>");
    return 2;
}
var frozenAt = InstantPattern.ExtendedIso.Parse(args[3]).Value;
await using var durable = await LocalDurableHost.StartAsync(new DurableHostOptions(args[0], args[1])
{
    Store = new JourneyStoreOptions(args[1]),
    Decider = new FrozenClockDecider(new JourneyDecider(), frozenAt),
    // Killed every few seconds: a dead host's partitions are taken again after 5 s, not the 15 s of an app. Its
    // messages come back after 30 s: under this load an episode, or a message waiting behind one, can outlast 5 s,
    // and a message visible again while held was taken twice and its delete refused, in a loop (run of 2 Dec, 18:12).
    RecoveryInterval = TimeSpan.FromSeconds(5),
    MessageVisibility = TimeSpan.FromSeconds(30),
});

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, int.Parse(args[2])));
var app = builder.Build();
app.MapGet("/ready", () => "ready");
app.MapPost("/submit/{journeyId}", async (string journeyId, HttpRequest request, CancellationToken ct) =>
{
    var e = await JsonSerializer.DeserializeAsync<JourneyEvent>(request.Body, JourneyJson.Options, ct);
    if (e is null) return Results.BadRequest("no event");
    var took = System.Diagnostics.Stopwatch.StartNew();
    try
    {
        var outcome = await durable.Journeys.SubmitAsync(journeyId, e, ct);
        if (took.Elapsed > TimeSpan.FromSeconds(2)) Console.Error.WriteLine($"submit {journeyId} {e.EventId}: {took.Elapsed.TotalSeconds:F1}s");
        return Results.Json(new Submitted(outcome.InboxSeq, outcome.Started, outcome.Duplicate));
    }
    catch (Exception x)
    {
        // For a failed run's log: what a send that is never acknowledged runs into.
        Console.Error.WriteLine($"submit {journeyId} {e.EventId} failed after {took.Elapsed.TotalSeconds:F1}s: {x}");
        return Results.Problem(x.GetType().Name + ": " + x.Message, statusCode: 500);
    }
});
app.MapGet("/journeys/{journeyId}", async (string journeyId, CancellationToken ct) =>
    await durable.Journeys.GetAsync(journeyId, ct) is { } s
        ? Results.Json(new Seen(s.Runtime?.ToString(), s.Snapshot?.Version, s.Held))
        : Results.NotFound());
// For a failed run: the engine's own record of the journey's current execution (status and Durable Task history).
app.MapGet("/journeys/{journeyId}/engine", async (string journeyId) =>
{
    var state = (await durable.Engine.GetOrchestrationStateAsync(journeyId, allExecutions: false)).FirstOrDefault();
    if (state is null) return Results.NotFound();
    var history = await durable.Engine.GetOrchestrationHistoryAsync(journeyId, state.OrchestrationInstance.ExecutionId);
    return Results.Text($"{state.OrchestrationStatus} {state.Status} execution {state.OrchestrationInstance.ExecutionId} updated {state.LastUpdatedTime:O}\n{history}");
});
await app.StartAsync();
Console.WriteLine("ready");
await app.WaitForShutdownAsync();
return 0;

/// <summary>What a submission did: its place in the inbox (null for a duplicate), and whether it started the journey.</summary>
internal sealed record Submitted(long? Seq, bool Started, bool Duplicate);

/// <summary>A journey as the engine sees it: its runtime status, the version of its recorded state, held or not.</summary>
internal sealed record Seen(string? Runtime, long? Version, bool Held);
