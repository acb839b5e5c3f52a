using NodaTime;

namespace ShortSentences.Staff.Actions;

/// <summary>
/// What the staff pages may change on a journey, recorded with the signed-in member of staff. The app implements it
/// over its journey operations (the same path as the API's task completion), so a page action and an API call are
/// judged by the same rules; the pages only decide who may act and render the answer.
/// </summary>
public interface IJourneyActions
{
    Task<ActionResult> CompleteTaskAsync(string journeyId, string taskId, LocalDate on, string by, string? note, CancellationToken ct);
}

/// <summary>What became of an action: done, refused by the journey (with its reason), or a value it cannot take.</summary>
public abstract record ActionResult
{
    public sealed record Done : ActionResult;
    public sealed record NotFound : ActionResult;
    /// <summary>The journey's state does not allow it (the task is no longer open...).</summary>
    public sealed record Refused(string Why) : ActionResult;
    /// <summary>A value the journey cannot take (a day after today, before the sentence).</summary>
    public sealed record Invalid(string Why) : ActionResult;
}
