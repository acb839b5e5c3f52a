using System.Text.Json;
using NodaTime;

namespace ShortSentences.App.Events;

/// <summary>
/// An HMPPS domain event (DOMAIN.md section 4) after lenient parsing. <see cref="EventId"/> is derived from the
/// content, so the same event delivered twice (HMPPS repeats prison movements) carries the same id.
/// </summary>
public sealed record DomainEvent(
    string EventType,
    int Version,
    Instant OccurredAt,
    string? Description,
    string? DetailUrl,
    JsonElement AdditionalInformation,
    string? Crn,
    string? Noms,
    string EventId)
{
    /// <summary>A string field of <c>additionalInformation</c>, if present.</summary>
    public string? Info(string name) =>
        AdditionalInformation.ValueKind == JsonValueKind.Object
        && AdditionalInformation.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;
}
