using Microsoft.Extensions.Logging;
using ShortSentences.App.Api;
using ShortSentences.App.Events;

namespace ShortSentences.App.ServiceBus;

/// <summary>
/// The settlement decision for one domain event, the same for Service Bus and for the local queue: a malformed
/// message is dead-lettered at once with the fields that are wrong (redelivering it would never help); an event that
/// was applied, was a duplicate or is of a type we ignore is completed after the journeys have it; any failure while
/// applying abandons it so it is delivered again, and the broker's delivery count dead-letters it if it never
/// succeeds. Completing only after applying means a crash in between redelivers the event rather than losing it;
/// the journeys drop the repeat by its event id.
/// </summary>
public sealed class DomainEventConsumer(IJourneyOperations journeys, ILogger<DomainEventConsumer> log, TimeProvider? clock = null)
{
    public const string MalformedReason = "MalformedDomainEvent";
    /// <summary>A journey refused the event (dated after today or before its sentence): redelivering would never help.</summary>
    public const string RefusedReason = "RefusedDomainEvent";

    /// <summary>Service Bus keeps a dead-letter description of up to 4096 characters; ours stay well inside.</summary>
    public const int MaxDescriptionLength = 1024;

    public async Task<Settlement> HandleAsync(IDomainEventMessage message, CancellationToken ct)
    {
        // An event dated in the future (beyond clock skew) or before 1900 is malformed too: dead-lettered with the reason.
        var parsed = DomainEventParser.Parse(message.Body, NodaTime.Instant.FromDateTimeOffset((clock ?? TimeProvider.System).GetUtcNow()));
        if (!parsed.IsValid)
        {
            var description = Describe(parsed.Errors);
            log.LogWarning("Domain event message {MessageId} dead-lettered: {Description}", message.MessageId, description);
            await message.DeadLetterAsync(MalformedReason, description, ct);
            return Settlement.DeadLettered;
        }

        DomainEventOutcome outcome;
        try
        {
            outcome = await journeys.ApplyAsync(parsed.Value!, ct);
        }
        catch (Exception e)
        {
            // Storage out, a timeout, shutting down: the event is fine, the moment was not. CancellationToken.None so
            // that a message taken during shutdown is handed back at once instead of waiting out its lock.
            log.LogWarning("Domain event {EventId} (message {MessageId}, delivery {Delivery}) abandoned: {Error}",
                parsed.Value!.EventId, message.MessageId, message.DeliveryCount, e.GetType().Name);
            await message.AbandonAsync(CancellationToken.None);
            return Settlement.Abandoned;
        }

        if (outcome.Outcome == DomainEventOutcome.Refused)
        {
            var why = $"{outcome.Field}: {outcome.Reason}";
            var description = why.Length <= MaxDescriptionLength ? why : why[..(MaxDescriptionLength - 1)] + "…";
            log.LogWarning("Domain event message {MessageId} dead-lettered: {Description}", message.MessageId, description);
            await message.DeadLetterAsync(RefusedReason, description, ct);
            return Settlement.DeadLettered;
        }
        await message.CompleteAsync(ct);
        log.LogInformation("Domain event {EventId} ({EventType}) {Outcome} for {Journeys} journeys; message {MessageId} completed",
            parsed.Value!.EventId, parsed.Value.EventType, outcome.Outcome, outcome.JourneyIds.Count, message.MessageId);
        return Settlement.Completed;
    }

    /// <summary>"eventType: is required; occurredAt: is not an ISO 8601 instant", as a person reading the dead letters needs it.</summary>
    public static string Describe(IReadOnlyDictionary<string, string[]> errors)
    {
        var text = "The message is not an HMPPS domain event this service can read: "
                   + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + ".";
        return text.Length <= MaxDescriptionLength ? text : text[..(MaxDescriptionLength - 1)] + "…";
    }
}

public enum Settlement { Completed, Abandoned, DeadLettered }
