using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ShortSentences.Orchestration.Loop;

namespace ShortSentences.App.Functions;

/// <summary>
/// One journey, as the Durable extension runs it: the journeys' own orchestration (its loop around the pure decider),
/// the same instance the local durable host registers. Deterministic: it does no I/O, its activities do.
/// </summary>
public sealed class JourneyOrchestrator(JourneyOrchestration journey)
{
    [Function(JourneyOrchestration.Name)]
    public Task<string?> Run([OrchestrationTrigger] TaskOrchestrationContext context) =>
        journey.RunAsync(context, context.GetInput<JourneyCarry?>());
}
