using NodaTime;

namespace ShortSentences.Journeys.Events;

/// <summary>
/// A member of staff closed an open task (the way staff really close most of them: no upstream event records it).
/// <paramref name="By"/> is who did it and <paramref name="Note"/> what they said; both are kept in the history.
/// </summary>
public sealed record TaskCompleted(string TaskId, LocalDate On, string By, string? Note = null) : JourneyEvent;
