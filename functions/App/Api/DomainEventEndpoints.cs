using ShortSentences.App.Events;
using ShortSentences.App.Http;

namespace ShortSentences.App.Api;

/// <summary>
/// HMPPS domain events by HTTP (<c>POST /api/events</c>), the bare envelope or the SNS notification around it. Unknown
/// event types are acknowledged and counted. The Service Bus subscription's messages go to
/// <see cref="ShortSentences.App.ServiceBus.DomainEventConsumer"/>, which settles each one.
/// </summary>
public sealed class DomainEventEndpoints(IJourneyOperations journeys, TimeProvider clock)
{
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
}
