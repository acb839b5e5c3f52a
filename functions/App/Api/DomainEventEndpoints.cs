using Microsoft.Extensions.Logging;
using ShortSentences.App.CustomHandler;
using ShortSentences.App.Events;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>
/// HMPPS domain events, by HTTP (<c>POST /api/events</c>) and from the Service Bus subscription. Both take the bare
/// envelope or the SNS notification around it. Unknown event types are acknowledged and counted. A malformed message
/// on the bus fails its invocation, so that Service Bus dead-letters it after its delivery count (locally: the poison
/// queue) where someone can look at it, instead of it being lost.
/// </summary>
public sealed class DomainEventEndpoints(IJourneyOperations journeys, TimeProvider clock, ILogger<DomainEventEndpoints> log)
{
    public const string ServiceBusBinding = "message";

    private NodaTime.Instant Now() => NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow());

    public async Task<ApiResponse> PostEvent(ApiRequest request, CancellationToken ct)
    {
        var parsed = DomainEventParser.Parse(request.Body, Now());
        if (!parsed.IsValid) return Problems.Validation(request.Path, parsed.Errors);
        var outcome = await journeys.ApplyAsync(parsed.Value!, ct);
        if (outcome is { Outcome: DomainEventOutcome.Refused, Field: { } field })
            return Problems.Validation(request.Path, new Dictionary<string, string[]> { [field] = [outcome.Reason ?? "refused"] });
        return ApiResponse.Json(202, new
        {
            eventId = parsed.Value!.EventId,
            eventType = parsed.Value.EventType,
            outcome = outcome.Outcome,
            reason = outcome.Reason,
            journeyIds = outcome.JourneyIds,
        });
    }

    public async Task<TriggerResult> FromServiceBus(TriggerInvocation invocation, CancellationToken ct)
    {
        var messageId = invocation.MetadataText("MessageId") ?? "?";
        var text = invocation.Input(ServiceBusBinding);
        if (text is null) return TriggerResult.Retry($"message {messageId}: no '{ServiceBusBinding}' in the invocation data");
        var parsed = DomainEventParser.Parse(text, Now());
        if (!parsed.IsValid)
        {
            var fields = string.Join(", ", parsed.Errors.Keys);
            var reasons = string.Join("; ", parsed.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"));
            log.LogWarning("Domain event {MessageId} rejected: {Reasons}", messageId, reasons);
            return TriggerResult.Retry($"message {messageId}: malformed ({reasons}); left for dead-lettering");
        }
        var outcome = await journeys.ApplyAsync(parsed.Value!, ct);
        if (outcome.Outcome == DomainEventOutcome.Refused)
        {
            log.LogWarning("Domain event {MessageId} refused: {Reason}", messageId, outcome.Reason);
            return TriggerResult.Retry($"message {messageId}: refused, {outcome.Field}: {outcome.Reason}; left for dead-lettering");
        }
        return TriggerResult.Done($"message {messageId}: {parsed.Value!.EventType} {outcome.Outcome} ({outcome.JourneyIds.Count} journeys)");
    }
}
