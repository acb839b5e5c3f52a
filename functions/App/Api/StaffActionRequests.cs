using NodaTime;

namespace ShortSentences.App.Api;

/// <summary>A member of staff says a task is done: on which day, who they are (their staff id), and an optional note.</summary>
public sealed record TaskCompletion(string TaskId, LocalDate On, string By, string? Note);

/// <summary>
/// A correction of the sentence's dates (CRDS date types: CRD or ARD, SLED or SED, TUSED, HDCED), with why and who.
/// <paramref name="EventId"/> is the caller's: the same id again changes nothing.
/// </summary>
public sealed record DateCorrection(string EventId, IReadOnlyDictionary<string, LocalDate> Dates, string Reason, string By);

/// <summary>What became of a staff action (task completion, date correction) on a journey.</summary>
public abstract record ActionOutcome
{
    /// <summary>Applied, or (<paramref name="Duplicate"/>) the same action was already applied and nothing changed.</summary>
    public sealed record Done(JourneyView Journey, bool Duplicate) : ActionOutcome;
    public sealed record NotFound : ActionOutcome;
    /// <summary>The journey's state does not allow it (the task is not open, the journey has ended...): 409.</summary>
    public sealed record Refused(string Why) : ActionOutcome;
    /// <summary>A field's value cannot be right for this journey (a day after today or before the sentence): 400.</summary>
    public sealed record Invalid(string Field, string Why) : ActionOutcome;
}
