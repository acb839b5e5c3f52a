using NodaTime;
using ShortSentences.App.Api;
using ShortSentences.Staff.Actions;

namespace ShortSentences.App.Journeys;

/// <summary>
/// The staff pages' actions on the same journey operations the API's task completion uses, so a page's "Mark as
/// done" and <c>POST /api/journeys/{id}/tasks/{taskId}/complete</c> are judged by the same rules.
/// </summary>
public sealed class OperationsJourneyActions(IJourneyOperations journeys) : IJourneyActions
{
    public async Task<ActionResult> CompleteTaskAsync(string journeyId, string taskId, LocalDate on, string by, string? note, CancellationToken ct) =>
        await journeys.CompleteTaskAsync(journeyId, new TaskCompletion(taskId, on, by, note), ct) switch
        {
            ActionOutcome.Done => new ActionResult.Done(),
            ActionOutcome.Refused r => new ActionResult.Refused(r.Why),
            ActionOutcome.Invalid i => new ActionResult.Invalid($"The date done {i.Why}"),
            _ => new ActionResult.NotFound(),
        };
}
